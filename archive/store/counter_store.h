// CounterStore: per-day message counts, the incident figures governors ask for.
//
// Where each figure comes from (one source each, so nothing is counted twice):
//   scanned, delivered, rejected   the milter, through add() — only it sees every message
//   held                           the quarantine's "quarantine.hold" audit records
//   released                       "quarantine.released" audit records
//   discarded                      "quarantine.discard" audit records
//   archived                       case-file entries recorded that day
// Audit records are permanent (append-only), so held / released / discarded stay counted
// after the quarantine expires the messages themselves. Per-rule figures come from the
// rule ids in the hold and discard records (a release counts for the rules of its hold).
//
// The milter counts in memory and hands over a batch now and then (CounterBatch,
// counter_batch.h: once a minute and at shutdown), so counting never costs a database
// write per message:
//
//   batch.count(CounterEvent::scanned);                          // every message judged
//   batch.count(CounterEvent::rejected, {"pupil-external"});    // a reject, with its rules
//   batch.flush(store.counters());                               // one transaction, upserts
//
// `rule` is a rule id, or "" for a total. A message rejected by two rules adds one to the
// "" total and one to each rule, so totals are never double counted.
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
// scanned, delivered, rejected: the events add() takes.
bool counted_by_milter(CounterEvent event);

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
    // Adds every increment in one transaction. invalid_input for a bad day or rule id, or
    // an event the milter does not count (held, released, discarded, archived).
    virtual Status add(const std::vector<CounterIncrement>& batch) = 0;
    // Every figure with from_day <= day <= to_day (UTC), from all the sources above,
    // ordered by day.
    virtual Result<std::vector<CounterRow>> figures(const std::string& from_day, const std::string& to_day) = 0;
    // Messages waiting for the DPO now (held, or with an unconfirmed release). Counts only,
    // so not audited.
    virtual Result<std::int64_t> waiting_for_review() = 0;
};

}  // namespace chaperone::archive
