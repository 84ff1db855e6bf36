// RosterStore: the school's roster as the archive keeps it.
//
// The milter polls roster_version() every [roster] reload_check_seconds and calls
// load_roster() only when it changed; `chaperone roster import` calls replace_roster(),
// which swaps the whole roster in one transaction (readers see the old one or the new one,
// never a mix) and bumps the version.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "archive/audit/actor.h"
#include "pii/base/result.h"
#include "pii/roster/roster.h"

namespace chaperone::archive {

struct RosterInfo {
    std::uint64_t version = 0;  // 0: never imported
    std::string imported_at;    // ISO 8601
    std::size_t pupils = 0, contacts = 0, staff = 0;
};

class RosterStore {
public:
    virtual ~RosterStore() = default;
    // Cheap: one indexed row. Changes on every successful import.
    virtual Result<std::uint64_t> roster_version() = 0;
    virtual Result<pii::Roster> load_roster() = 0;
    virtual Result<RosterInfo> roster_info() = 0;
    // The roster must already be validated (roster_importer.h). Returns the new version.
    // The import is audited (counts only).
    virtual Result<std::uint64_t> replace_roster(const pii::Roster& roster, const Actor& actor) = 0;
};

}  // namespace chaperone::archive
