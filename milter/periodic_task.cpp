// The housekeeping thread; see periodic_task.h.
#include "milter/periodic_task.h"

namespace chaperone::milter {

void PeriodicTask::run() {
    for (;;) {
        bool stopping;
        {
            std::unique_lock lock(mutex_);
            stopping = wake_.wait_for(lock, interval_(), [&] { return stopping_; });
        }
        if (stopping) {
            if (on_stop_ == OnStop::run_once_more) work_();
            return;
        }
        work_();
    }
}

void PeriodicTask::start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { run(); });
}

void PeriodicTask::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace chaperone::milter
