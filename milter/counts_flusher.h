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

#include "milter/engine.h"
#include "milter/periodic_task.h"

namespace chaperone::milter {

inline constexpr std::chrono::seconds kCountsFlushInterval{60};

class CountsFlusher {
public:
    explicit CountsFlusher(Engine& engine)
        : engine_(engine),
          task_([] { return kCountsFlushInterval; }, [this] { flush_now(); }, PeriodicTask::OnStop::run_once_more) {}

    void start() { task_.start(); }
    void stop() { task_.stop(); }
    // One flush, now (also used by tests). Errors are logged.
    void flush_now();

private:
    Engine& engine_;
    PeriodicTask task_;  // last: stopped (joined) before engine_ goes
};

}  // namespace chaperone::milter
