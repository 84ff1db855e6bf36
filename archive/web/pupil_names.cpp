// Cached pupil names; see pupil_names.h.
#include "archive/web/pupil_names.h"

#include "pii/base/log.h"

namespace chaperone::archive::web {

void PupilNames::refresh_locked() {
    auto now = std::chrono::steady_clock::now();
    if (loaded_ && now - checked_ < std::chrono::seconds(kRosterCheckSeconds)) return;
    checked_ = now;
    auto version = roster_.roster_version();
    if (!version) {
        log::warning("web: reading the roster version: {}", version.error_message());
        return;
    }
    if (loaded_ && *version == version_) return;
    auto roster = roster_.load_roster();
    if (!roster) {
        log::warning("web: loading the roster: {}", roster.error_message());
        return;
    }
    names_.clear();
    for (const auto& p : roster->pupils) names_[p.upn] = p.forename + " " + p.surname;
    version_ = *version;
    loaded_ = true;
}

std::string PupilNames::name_of(const std::string& upn) {
    std::lock_guard lock(mutex_);
    refresh_locked();
    auto it = names_.find(upn);
    return it == names_.end() ? std::string() : it->second;
}

std::map<std::string, std::string> PupilNames::all() {
    std::lock_guard lock(mutex_);
    refresh_locked();
    return names_;
}

}  // namespace chaperone::archive::web
