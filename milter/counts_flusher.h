// Writes the milter's message counts (EngineSnapshot::counts) to the store once a minute and
// once more when the milter stops, so the dashboard's scanned / delivered / rejected figures
// cost one small transaction a minute rather than a write per message. A failed write
// keeps the counts for the next try (CounterBatch::flush).
//
//   CountsFlusher flusher(engine);
//   flusher.start();  ...  smfi_main();  ...  flusher.stop();   // the final flush
//
// Thread-safety: start() once; stop() (or the destructor) flushes and joins the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "milter/engine.h"

namespace chaperone::milter {

inline constexpr std::chrono::seconds kCountsFlushInterval{60};

class CountsFlusher {
public:
    explicit CountsFlusher(Engine& engine) : engine_(engine) {}
    ~CountsFlusher() { stop(); }
    CountsFlusher(const CountsFlusher&) = delete;
    CountsFlusher& operator=(const CountsFlusher&) = delete;

    void start();
    void stop();
    // One flush, now (also used by tests). Errors are logged.
    void flush_now();

private:
    void run();

    Engine& engine_;
    std::thread thread_;
    std::mutex mutex_;  // guards stopping_ with wake_
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace chaperone::milter
