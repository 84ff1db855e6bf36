// Roster reloads; see roster_watcher.h.
#include "milter/roster_watcher.h"

#include "milter/engine_builder.h"
#include "pii/base/log.h"

namespace chaperone::milter {

bool RosterWatcher::check_once() {
    auto current = engine_.current();
    if (!current->store) return false;
    auto version = current->store->roster().roster_version();
    if (!version) {
        log::warning("roster check failed, keeping the current roster: {}", version.error_message());
        return false;
    }
    if (*version == current->roster_version) return false;
    auto next = build_engine_snapshot(current->config, current->store, current->counts);
    if (!next) {
        log::error("roster reload failed, keeping the current roster: {}", next.error_message());
        return false;
    }
    engine_.publish(*next);
    log::info("roster reloaded (version {})", (*next)->roster_version);
    return true;
}

void RosterWatcher::run() {
    for (;;) {
        int seconds = engine_.current()->config->roster.reload_check_seconds;
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, std::chrono::seconds(seconds), [&] { return stopping_; })) return;
        }
        check_once();
    }
}

void RosterWatcher::start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { run(); });
}

void RosterWatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace chaperone::milter
