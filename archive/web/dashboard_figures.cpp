// Weekly figures for the dashboard; see dashboard_figures.h.
#include "archive/web/dashboard_figures.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "archive/casefile/timestamp.h"

namespace chaperone::archive::web {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Monday on or before `days` (1970-01-01 was a Thursday).
std::int64_t monday_of(std::int64_t days) {
    std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // 0 = Monday
    return days - weekday;
}

std::string short_label(const std::string& day) {
    int month = std::stoi(day.substr(5, 2));
    int mday = std::stoi(day.substr(8, 2));
    return fmt::format("{} {}", mday, kMonths[(month - 1) % 12]);
}

}  // namespace

std::string day_string(std::int64_t days) { return format_date(Timestamp{days * 86400, 0}); }

std::int64_t today_days_utc() {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
}

Result<DashboardFigures> weekly_figures(Store& store, int weeks, std::int64_t today_days) {
    weeks = std::clamp(weeks, 1, kMaxDashboardWeeks);
    std::int64_t first_monday = monday_of(today_days) - 7 * static_cast<std::int64_t>(weeks - 1);
    DashboardFigures out;
    for (int w = 0; w < weeks; ++w) {
        WeekFigures week;
        week.start_day = day_string(first_monday + 7 * w);
        week.label = short_label(week.start_day);
        out.weeks.push_back(std::move(week));
    }
    auto rows = store.counters().figures(day_string(first_monday), day_string(today_days));
    if (!rows) return rows.status();
    for (const auto& row : *rows) {
        auto t = parse_iso8601(row.day);
        if (!t) continue;
        std::int64_t index = (t->unix_seconds / 86400 - first_monday) / 7;
        if (index < 0 || index >= weeks) continue;
        auto e = static_cast<std::size_t>(row.event);
        if (row.rule.empty()) {
            out.weeks[static_cast<std::size_t>(index)].counts[e] += row.count;
            out.totals[e] += row.count;
        } else {
            out.per_rule[row.rule][e] += row.count;
        }
    }
    return out;
}

}  // namespace chaperone::archive::web
