// Reloads the roster without restarting the milter: a background task asks the store for
// the roster version every [roster] reload_check_seconds and, when `chaperone roster import`
// changed it, builds a new EngineSnapshot and publishes it. Messages in flight keep the
// snapshot they started with.
//
// Thread-safety: start() once; stop() (or the destructor) joins the thread.
#pragma once

#include "milter/engine.h"
#include "milter/periodic_task.h"

namespace chaperone::milter {

class RosterWatcher {
public:
    explicit RosterWatcher(Engine& engine)
        : engine_(engine),
          task_([this] { return std::chrono::seconds(engine_.current()->config->roster.reload_check_seconds); },
                [this] { check_once(); }, PeriodicTask::OnStop::just_stop) {}

    void start() { task_.start(); }
    void stop() { task_.stop(); }
    // One check, now (also used by tests): returns true when a new roster was published.
    bool check_once();

private:
    Engine& engine_;
    PeriodicTask task_;  // last: stopped (joined) before engine_ goes
};

}  // namespace chaperone::milter
