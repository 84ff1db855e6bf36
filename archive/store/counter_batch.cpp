// Batched message counts; see counter_batch.h.
#include "archive/store/counter_batch.h"

#include "archive/casefile/timestamp.h"

namespace chaperone::archive {

void CounterBatch::count(CounterEvent event, const std::vector<std::string>& rules) {
    std::string day = format_date(Timestamp{now_utc().unix_seconds, 0});
    std::lock_guard lock(mutex_);
    ++pending_[Key{day, event, ""}];
    for (const auto& rule : rules) ++pending_[Key{day, event, rule}];
}

bool CounterBatch::due(std::chrono::steady_clock::duration interval) const {
    std::lock_guard lock(mutex_);
    return std::chrono::steady_clock::now() - last_flush_ >= interval;
}

std::size_t CounterBatch::pending() const {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

Status CounterBatch::flush(CounterStore& store) {
    std::map<Key, std::int64_t> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(pending_);
        last_flush_ = std::chrono::steady_clock::now();
    }
    if (taken.empty()) return Status::ok();
    // Written in chunks of kMaxCounterBatch; a chunk that fails goes back, with everything
    // after it, so a retry neither loses nor double counts.
    std::vector<std::pair<Key, std::int64_t>> items(taken.begin(), taken.end());
    Status status = Status::ok();
    std::size_t written = 0;
    while (written < items.size()) {
        std::vector<CounterIncrement> chunk;
        for (std::size_t i = written; i < items.size() && chunk.size() < kMaxCounterBatch; ++i) {
            const auto& [key, n] = items[i];
            chunk.push_back(CounterIncrement{std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
        }
        status = store.add(chunk);
        if (!status) break;
        written += chunk.size();
    }
    if (written < items.size()) {
        std::lock_guard lock(mutex_);
        for (std::size_t i = written; i < items.size(); ++i) pending_[items[i].first] += items[i].second;
    }
    return status;
}

}  // namespace chaperone::archive
