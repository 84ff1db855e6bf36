// `chaperone report`: the incident figures governors and SLT ask for, per week — messages
// scanned, delivered, held for review, released, discarded, rejected, filed to case files —
// and per rule, the same figures the web console's dashboard charts (dashboard_figures.h).
//
//   chaperone report --config C [--weeks 12] [--json]
//
// Counts only: no names, addresses or subjects, so it is not an audited read. The milter
// writes its counts once a minute, so the current minute may not be in yet.
#include <cstdio>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/web/dashboard_figures.h"

namespace chaperone::cli {
namespace {

using archive::CounterEvent;

constexpr CounterEvent kShown[] = {CounterEvent::scanned,  CounterEvent::delivered, CounterEvent::held,
                                   CounterEvent::released, CounterEvent::discarded, CounterEvent::rejected,
                                   CounterEvent::archived};

nlohmann::json counts_json(const std::array<std::int64_t, archive::web::kEventCount>& counts) {
    nlohmann::json j = nlohmann::json::object();
    for (auto e : kShown) j[std::string(archive::counter_event_name(e))] = counts[static_cast<std::size_t>(e)];
    return j;
}

void print_row(const std::string& label, const std::array<std::int64_t, archive::web::kEventCount>& counts) {
    std::printf("%-12s", label.c_str());
    for (auto e : kShown) std::printf(" %10lld", static_cast<long long>(counts[static_cast<std::size_t>(e)]));
    std::printf("\n");
}

int run_report(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "weeks"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("report: unexpected argument '" + args.positional()[0] + "'");
    int weeks = 12;
    try {
        std::size_t used = 0;
        std::string text = args.value("weeks", "12");
        weeks = std::stoi(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
    } catch (...) {
        return usage_error("--weeks: expected a number of weeks, got '" + args.value("weeks") + "'");
    }
    if (weeks < 1 || weeks > archive::web::kMaxDashboardWeeks) {
        return usage_error(fmt::format("--weeks: expected 1 to {}", archive::web::kMaxDashboardWeeks));
    }
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto figures = archive::web::weekly_figures(*store, weeks, archive::web::today_days_utc());
    if (!figures) return status_error(figures.status());
    auto waiting = store->counters().waiting_for_review();
    if (!waiting) return status_error(waiting.status());

    if (args.flag("json")) {
        nlohmann::json out;
        out["weeks"] = nlohmann::json::array();
        for (const auto& w : figures->weeks) {
            nlohmann::json row = counts_json(w.counts);
            row["week_start"] = w.start_day;
            out["weeks"].push_back(row);
        }
        out["totals"] = counts_json(figures->totals);
        out["rules"] = nlohmann::json::object();
        for (const auto& [rule, counts] : figures->per_rule) out["rules"][rule] = counts_json(counts);
        out["waiting_for_review"] = *waiting;
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
    }
    std::printf("Chaperone: the last %d week(s), weeks starting Monday (UTC)\n\n%-12s", weeks, "week of");
    for (auto e : kShown) std::printf(" %10s", std::string(archive::counter_event_name(e)).c_str());
    std::printf("\n");
    for (const auto& w : figures->weeks) print_row(w.start_day, w.counts);
    print_row("total", figures->totals);
    if (!figures->per_rule.empty()) {
        std::printf("\n%-30s %10s %10s %10s %10s\n", "per rule", "held", "rejected", "released", "discarded");
        for (const auto& [rule, c] : figures->per_rule) {
            auto at = [&](CounterEvent e) { return static_cast<long long>(c[static_cast<std::size_t>(e)]); };
            std::printf("%-30s %10lld %10lld %10lld %10lld\n", rule.c_str(), at(CounterEvent::held),
                        at(CounterEvent::rejected), at(CounterEvent::released), at(CounterEvent::discarded));
        }
    }
    std::printf("\nwaiting for the DPO now: %lld\n", static_cast<long long>(*waiting));
    return kExitOk;
}

const CommandRegistration reg("report", "incident figures per week and per rule, for governors (report [--weeks N])",
                              run_report);

}  // namespace
}  // namespace chaperone::cli
