// AuditLog: the append-only record of who read, listed, exported or purged what, and the
// check of the hash chain that covers it and every case-file entry.
//
// Records hold ids, UPNs, counts and formats — never message content, names or search
// text. There is no update or delete path: the SQLite tables refuse both with triggers.
// verify_chain() walks the whole chain (ledger) in order and recomputes every link and
// every digest, re-hashing each case-file entry's sealed blob; it stops at the first bad
// record and names it.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/audit/actor.h"
#include "archive/casefile/timestamp.h"
#include "pii/base/result.h"

namespace chaperone::archive {

struct AuditEvent {
    std::string action;   // "archive.show", "archive.list", "archive.export", "archive.purge", "roster.import", ...
    std::string target;   // "entry 42", "student B801200005001", "contact"
    std::string details;  // a JSON object of ids / UPNs / counts; "{}" when nothing more
};

struct AuditRecord {
    std::int64_t id = 0;
    Timestamp at;
    std::string actor;
    std::string channel;
    std::string os_user;
    std::string action;
    std::string target;
    std::string details;
};

struct ChainReport {
    bool ok = true;
    std::string first_problem;  // names the first bad record: "case-file entry 7 (chain position 12): ..."
    std::int64_t records = 0, casefile_entries = 0, audit_records = 0, purged_entries = 0;
    std::string head_link_hex;  // note it somewhere else to detect a truncated tail later
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual Result<std::int64_t> append(const Actor& actor, const AuditEvent& event) = 0;
    // Oldest first, at most `limit` records with id > after_id.
    virtual Result<std::vector<AuditRecord>> list(std::int64_t after_id, std::size_t limit) = 0;
    // Newest first, at most `limit` records with id < before_id (0: from the newest).
    virtual Result<std::vector<AuditRecord>> list_newest(std::int64_t before_id, std::size_t limit) = 0;
    virtual Result<ChainReport> verify_chain() = 0;
};

}  // namespace chaperone::archive
