// Periodic count flushes; see counts_flusher.h.
#include "milter/counts_flusher.h"

#include "pii/base/log.h"

namespace chaperone::milter {

void CountsFlusher::flush_now() {
    auto current = engine_.current();
    if (!current->store || !current->counts || current->counts->pending() == 0) return;
    if (Status s = current->counts->flush(current->store->counters()); !s) {
        log::warning("message counts not written yet (kept for the next try): {}", s.message());
    }
}

void CountsFlusher::run() {
    for (;;) {
        bool stopping;
        {
            std::unique_lock lock(mutex_);
            stopping = wake_.wait_for(lock, kCountsFlushInterval, [&] { return stopping_; });
        }
        flush_now();
        if (stopping) return;
    }
}

void CountsFlusher::start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { run(); });
}

void CountsFlusher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace chaperone::milter
