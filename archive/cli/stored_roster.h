// The roster as the milter loads it, for CLI commands that scan (`check`, `scan`).
//
//   auto stored = load_stored_roster(*config);
//   if (!stored) return kExitError;           // one line already printed on stderr
//   auto engine = policies::make_policy_engine(config, stored->roster);
//
// Opens the store in the admin role, so it must be initialised (`chaperone keys init`) just
// as for the milter. `roster` is null until a roster is imported: the scanner then runs its
// generic detectors only (pupils' names, DOBs and addresses need the roster).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "pii/roster/roster.h"
#include "policies/config/config.h"

namespace chaperone::cli {

struct StoredRoster {
    std::shared_ptr<const pii::Roster> roster;  // null when none has been imported
    std::uint64_t version = 0;                  // 0 when none has been imported
};

// On failure prints one line on stderr and returns nullopt (the caller exits 2).
std::optional<StoredRoster> load_stored_roster(const policies::Config& config);

}  // namespace chaperone::cli
