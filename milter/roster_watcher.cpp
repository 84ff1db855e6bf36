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

}  // namespace chaperone::milter
