// The incident figures governors ask for: per week, how many messages were scanned, held,
// released, discarded, rejected and archived, and per rule how many were held or rejected.
//
//   auto figures = weekly_figures(store, 12, today);   // the last 12 weeks, Monday to Sunday
//
// Sources: CounterStore (counter_store.h) — scanned / delivered / held / rejected /
// released / discarded counts the milter and the release path add — and the case files
// (archived). Weeks are ISO weeks (starting Monday) in UTC.
//
// Thread-safety: pure apart from the store calls.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "archive/store/store.h"
#include "pii/base/result.h"

namespace chaperone::archive::web {

constexpr int kMaxDashboardWeeks = 104;
constexpr std::size_t kEventCount = 7;  // CounterEvent values

struct WeekFigures {
    std::string start_day;  // YYYY-MM-DD, a Monday
    std::string label;      // "4 Mar"
    std::array<std::int64_t, kEventCount> counts{};  // indexed by CounterEvent
    std::int64_t get(CounterEvent e) const { return counts[static_cast<std::size_t>(e)]; }
};

struct DashboardFigures {
    std::vector<WeekFigures> weeks;  // oldest first
    std::array<std::int64_t, kEventCount> totals{};
    std::map<std::string, std::array<std::int64_t, kEventCount>> per_rule;  // rule id -> counts
    std::int64_t total(CounterEvent e) const { return totals[static_cast<std::size_t>(e)]; }
};

// `today_days`: days since 1970-01-01 (UTC) of today.
Result<DashboardFigures> weekly_figures(Store& store, int weeks, std::int64_t today_days);
std::int64_t today_days_utc();
// "2024-03-04" for a day number.
std::string day_string(std::int64_t days);

}  // namespace chaperone::archive::web
