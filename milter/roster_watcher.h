// Reloads the roster without restarting the milter: a background thread asks the store for
// the roster version every [roster] reload_check_seconds and, when `chaperone roster import`
// changed it, builds a new EngineSnapshot and publishes it. Messages in flight keep the
// snapshot they started with.
//
// Thread-safety: start() once; stop() (or the destructor) joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "milter/engine.h"

namespace chaperone::milter {

class RosterWatcher {
public:
    explicit RosterWatcher(Engine& engine) : engine_(engine) {}
    ~RosterWatcher() { stop(); }
    RosterWatcher(const RosterWatcher&) = delete;
    RosterWatcher& operator=(const RosterWatcher&) = delete;

    void start();
    void stop();
    // One check, now (also used by tests): returns true when a new roster was published.
    bool check_once();

private:
    void run();

    Engine& engine_;
    std::thread thread_;
    std::mutex mutex_;  // guards stopping_ with wake_
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace chaperone::milter
