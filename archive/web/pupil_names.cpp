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
    pupils_.clear();
    for (const auto& p : roster->pupils) pupils_[p.upn] = Pupil{p.forename, p.surname, p.year_group};
    version_ = *version;
    loaded_ = true;
}

std::string PupilNames::name_of(const std::string& upn) {
    auto p = find(upn);
    return p ? p->forename + " " + p->surname : std::string();
}

std::optional<PupilNames::Pupil> PupilNames::find(const std::string& upn) {
    std::lock_guard lock(mutex_);
    refresh_locked();
    auto it = pupils_.find(upn);
    if (it == pupils_.end()) return std::nullopt;
    return it->second;
}

std::map<std::string, std::string> PupilNames::all() {
    std::lock_guard lock(mutex_);
    refresh_locked();
    std::map<std::string, std::string> out;
    for (const auto& [upn, p] : pupils_) out[upn] = p.forename + " " + p.surname;
    return out;
}

}  // namespace chaperone::archive::web
