// The housekeeping thread; see periodic_task.h.
#include "milter/periodic_task.h"

#include <pthread.h>
#include <signal.h>

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
    // The thread starts with every signal blocked: libmilter takes SIGTERM, SIGINT and SIGHUP
    // in its own thread (sigwait) to stop cleanly; delivered to this thread instead, SIGTERM
    // would kill the process before the final count flush.
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &before);
    thread_ = std::thread([this] { run(); });
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
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
