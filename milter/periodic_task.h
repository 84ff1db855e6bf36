// A background thread that runs one piece of work every interval until stopped: the milter's
// housekeeping (roster reloads, count flushes) without a thread class each.
//
//   PeriodicTask task([] { return std::chrono::seconds(60); }, [&] { flush(); }, PeriodicTask::OnStop::run_once_more);
//   task.start();  ...  task.stop();   // wakes the thread at once; joins it
//
// The interval is asked for before each wait, so it may follow a reloaded config.
// Signals: the thread blocks them all (libmilter handles SIGTERM in its own thread).
// Thread-safety: start() once; stop() (or the destructor) from any thread but the task's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace chaperone::milter {

class PeriodicTask {
public:
    enum class OnStop { just_stop, run_once_more };

    PeriodicTask(std::function<std::chrono::seconds()> interval, std::function<void()> work, OnStop on_stop)
        : interval_(std::move(interval)), work_(std::move(work)), on_stop_(on_stop) {}
    ~PeriodicTask() { stop(); }
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

    void start();
    void stop();

private:
    void run();

    std::function<std::chrono::seconds()> interval_;
    std::function<void()> work_;
    OnStop on_stop_;
    std::thread thread_;
    std::mutex mutex_;  // guards stopping_ with wake_
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace chaperone::milter
