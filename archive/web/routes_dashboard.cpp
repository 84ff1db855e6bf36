// The dashboard: weekly incident figures as SVG charts and tables; see dashboard_figures.h.
#include "archive/web/dashboard_figures.h"
#include "archive/web/routes.h"
#include "archive/web/svg_chart.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

constexpr int kDefaultWeeks = 12;
constexpr int kPeriods[] = {4, 12, 26, 52};

std::string with_commas(std::int64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

void register_dashboard_routes(Router& router, WebContext& ctx) {
    router.get("/", UserRole::office, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        int weeks = kDefaultWeeks;
        for (int p : kPeriods) {
            if (req.get_param_value("weeks") == std::to_string(p)) weeks = p;
        }
        auto figures = weekly_figures(ctx.store, weeks, today_days_utc());
        if (!figures) {
            log::error("web: dashboard figures: {}", figures.error_message());
            return render_message(ctx, res, &user, 500, "Figures unavailable", "The figures could not be read from the store.");
        }
        Value page = Value::object();
        page["section"] = "dashboard";
        page["weeks"] = weeks;
        page["from"] = figures->weeks.front().start_day;
        page["to"] = day_string(today_days_utc());
        for (int p : kPeriods) {
            Value& o = page["periods"].push_back(Value::object());
            o["value"] = p;
            o["label"] = p == 52 ? std::string("Last year") : "Last " + std::to_string(p) + " weeks";
            o["selected"] = p == weeks;
        }
        for (CounterEvent e : {CounterEvent::scanned, CounterEvent::held, CounterEvent::released, CounterEvent::discarded,
                               CounterEvent::rejected, CounterEvent::archived}) {
            page["totals"][std::string(counter_event_name(e))] = with_commas(figures->total(e));
        }
        BarChart incidents{"Incidents per week", "", {}, {}};
        BarChart volume{"Messages scanned and archived per week", "", {}, {}};
        ChartSeries held{"Held", "#c2750a", {}}, released{"Released", "#00703c", {}},
            discarded{"Discarded", "#b10e1e", {}}, rejected{"Rejected", "#6f2dbd", {}};
        ChartSeries scanned{"Scanned", "#1d3557", {}}, archived{"Filed to case files", "#00703c", {}};
        for (const auto& w : figures->weeks) {
            incidents.categories.push_back(w.label);
            volume.categories.push_back(w.label);
            held.values.push_back(w.get(CounterEvent::held));
            released.values.push_back(w.get(CounterEvent::released));
            discarded.values.push_back(w.get(CounterEvent::discarded));
            rejected.values.push_back(w.get(CounterEvent::rejected));
            scanned.values.push_back(w.get(CounterEvent::scanned));
            archived.values.push_back(w.get(CounterEvent::archived));
            Value& row = page["rows"].push_back(Value::object());
            row["day"] = w.start_day;
            for (CounterEvent e : {CounterEvent::scanned, CounterEvent::held, CounterEvent::released,
                                   CounterEvent::discarded, CounterEvent::rejected, CounterEvent::archived}) {
                row[std::string(counter_event_name(e))] = with_commas(w.get(e));
            }
        }
        incidents.description = "Bar chart of messages held, released, discarded and rejected in each of the last " +
                                std::to_string(weeks) + " weeks. The same figures are in the table below.";
        volume.description = "Bar chart of messages scanned and filed to case files in each of the last " +
                             std::to_string(weeks) + " weeks. The same figures are in the table below.";
        incidents.series = {held, released, discarded, rejected};
        volume.series = {scanned, archived};
        page["incident_chart"] = render_bar_chart(incidents, "incidents");
        page["volume_chart"] = render_bar_chart(volume, "volume");
        for (const auto& [rule, counts] : figures->per_rule) {
            Value& r = page["rules"].push_back(Value::object());
            r["rule"] = rule;
            r["held"] = with_commas(counts[static_cast<std::size_t>(CounterEvent::held)]);
            r["rejected"] = with_commas(counts[static_cast<std::size_t>(CounterEvent::rejected)]);
            r["released"] = with_commas(counts[static_cast<std::size_t>(CounterEvent::released)]);
            r["discarded"] = with_commas(counts[static_cast<std::size_t>(CounterEvent::discarded)]);
        }
        page["has_rules"] = !figures->per_rule.empty();
        if (role_allows(user.account.role, UserRole::dpo)) {
            auto waiting = ctx.store.counters().waiting_for_review();
            if (waiting && *waiting > 0) page["waiting"] = static_cast<long long>(*waiting);
        }
        render_page(ctx, res, &user, "dashboard", "Dashboard", std::move(page));
    });
}

}  // namespace chaperone::archive::web
