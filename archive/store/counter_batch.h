// CounterBatch: what the milter counts between two writes to the CounterStore.
//
//   CounterBatch counts;                                    // one per milter process
//   counts.count(CounterEvent::scanned);                    // at end of message, every message
//   counts.count(CounterEvent::delivered);                  // ... or:
//   counts.count(CounterEvent::rejected, decision_rule_ids);
//   if (counts.due(std::chrono::minutes(1))) counts.flush(store.counters());   // and at shutdown
//
// count() is a few map updates under a mutex; flush() swaps the pending counts out and
// writes them in one transaction, putting them back if the write fails (nothing is lost
// to a busy database; the next flush retries). The day is the UTC day at count() time.
// Only scanned, delivered and rejected are the milter's to count (counter_store.h).
//
// Thread-safety: all methods are safe from any thread (the milter's callbacks run on many).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "archive/store/counter_store.h"

namespace chaperone::archive {

class CounterBatch {
public:
    // Adds one to the event's total and one to each rule's count (rules may be empty).
    void count(CounterEvent event, const std::vector<std::string>& rules = {});
    // True when the last flush (or construction) was at least `interval` ago.
    bool due(std::chrono::steady_clock::duration interval) const;
    // Writes and clears the pending counts; on failure keeps them for the next flush.
    Status flush(CounterStore& store);
    std::size_t pending() const;

private:
    using Key = std::tuple<std::string, CounterEvent, std::string>;  // day, event, rule
    mutable std::mutex mutex_;
    std::map<Key, std::int64_t> pending_;                                        // guarded by mutex_
    std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();  // guarded by mutex_
};

}  // namespace chaperone::archive
