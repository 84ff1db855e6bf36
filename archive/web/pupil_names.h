// Pupils' names by UPN, for pages that show a message filed to several pupils, for a case
// file's heading and for the export heading, without a roster search per name (a search
// reads every pupil and counts their case files: too slow to run for every page).
//
//   PupilNames names(store.roster());
//   std::string n = names.name_of(upn);   // "Zoë Dupré", or "" for a pupil no longer on the roster
//   auto p = names.find(upn);             // forename, surname, year group (nullopt: not on the roster)
//
// The map is reloaded when the roster version changes, checked at most every
// kRosterCheckSeconds. Names are shown only inside pages whose reading is audited.
//
// Thread-safety: safe from any thread (one mutex; the reload happens under it).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "archive/store/roster_store.h"

namespace chaperone::archive::web {

constexpr int kRosterCheckSeconds = 5;

class PupilNames {
public:
    explicit PupilNames(RosterStore& roster) : roster_(roster) {}
    struct Pupil {
        std::string forename, surname, year_group;
    };
    std::string name_of(const std::string& upn);
    std::optional<Pupil> find(const std::string& upn);
    std::map<std::string, std::string> all();

private:
    void refresh_locked();
    RosterStore& roster_;
    std::mutex mutex_;
    std::uint64_t version_ = 0;                          // guarded by mutex_
    bool loaded_ = false;                                // guarded by mutex_
    std::chrono::steady_clock::time_point checked_;      // guarded by mutex_
    std::map<std::string, Pupil> pupils_;                // guarded by mutex_
};

}  // namespace chaperone::archive::web
