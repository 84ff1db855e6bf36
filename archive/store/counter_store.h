// CounterStore: per-day message counts, the incident figures governors ask for.
//
// The milter counts in memory and hands the store a batch now and then (say once a minute
// and at shutdown), so counting never costs a database write per message:
//
//   std::vector<CounterIncrement> batch = {{"2024-03-05", CounterEvent::scanned, "", 812},
//                                          {"2024-03-05", CounterEvent::held, "pii-in-body", 3}};
//   store.counters().add(batch);     // one transaction, upserts
//
// `rule` is the rule id a held/rejected count belongs to ("" for a count not tied to one
// rule, such as scanned). A message held by two rules adds one to each rule and one to the
// rule-less "held" total, so totals are never double counted.
// The dashboard reads figures() for a date range: the counters, plus the case-file entries
// recorded per day (archived), which the case-file store already knows.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::archive {

enum class CounterEvent { scanned, delivered, held, rejected, released, discarded, archived };
std::string_view counter_event_name(CounterEvent event);  // "scanned", ...
bool parse_counter_event(std::string_view name, CounterEvent& out);

struct CounterIncrement {
    std::string day;   // YYYY-MM-DD (UTC)
    CounterEvent event = CounterEvent::scanned;
    std::string rule;  // rule id, or "" for the total
    std::int64_t count = 0;
};

struct CounterRow {
    std::string day;
    CounterEvent event = CounterEvent::scanned;
    std::string rule;
    std::int64_t count = 0;
};

// Named bounds on one call.
constexpr std::size_t kMaxCounterBatch = 10'000;
constexpr std::size_t kMaxCounterRows = 200'000;

class CounterStore {
public:
    virtual ~CounterStore() = default;
    // Adds every increment in one transaction; invalid_input for a bad day or rule id.
    virtual Status add(const std::vector<CounterIncrement>& batch) = 0;
    // Rows with from_day <= day <= to_day, ordered by day; archived rows come from the case
    // files (entries recorded that day, rule ""), the others from add().
    virtual Result<std::vector<CounterRow>> figures(const std::string& from_day, const std::string& to_day) = 0;
};

}  // namespace chaperone::archive
