// The archive store: the one narrow interface the milter, the CLI and the web console see.
//
//   auto store = open_store(config, StoreRole::milter);
//   if (!store) { log::error("{}", store.error_message()); return tempfail; }
//   (*store)->casefiles().record(correspondence);
//   (*store)->roster().roster_version();
//
// Behind it sits one backend: SQLite (embedded, the default) in [storage] dir, with sealed
// message blobs in <dir>/blobs. A multi-academy trust's shared PostgreSQL backend would be a
// second implementation of these interfaces chosen here, leaving the milter untouched.
// The quarantine (held messages for the DPO) is one more facet, QuarantineStore
// (quarantine_store.h), with its sealed blobs in <dir>/quarantine.
//
// Roles decide which keys are loaded (key_files.h) and are checked at open:
//   milter  public key + chain key: can record, cannot read messages back.
//   admin   public key + chain key: roster import, audit log and verify, fsck, listings.
//   reader  + secret key (0600, owned by the running user): show, export, purge.
//
// Thread-safety: a Store is safe to share between threads; one SQLite connection guarded
// by a mutex, with blob encryption and fsync done outside the lock. Several processes may
// open the same store; SQLite's locking (busy_timeout) orders their writes.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "archive/store/audit_log.h"
#include "archive/store/casefile_store.h"
#include "archive/store/counter_store.h"
#include "archive/store/quarantine_store.h"
#include "archive/store/roster_store.h"
#include "archive/store/user_store.h"
#include "policies/config/config.h"

namespace chaperone::archive {

enum class StoreRole { milter, admin, reader };

struct FsckReport {
    std::vector<std::string> orphan_blobs;     // files no row refers to (a crash between blob and row)
    std::vector<std::string> stale_temp_files;
    std::vector<std::string> missing_blobs;    // "entry 7: blob <id>": rows whose file is gone
    std::size_t removed = 0;                   // orphans and temp files removed (when asked)
    bool clean() const { return orphan_blobs.empty() && stale_temp_files.empty() && missing_blobs.empty(); }
};

class Store {
public:
    virtual ~Store() = default;
    virtual RosterStore& roster() = 0;
    virtual CaseFileStore& casefiles() = 0;
    virtual AuditLog& audit() = 0;
    // The web console's accounts and sessions (user_store.h).
    virtual UserStore& users() = 0;
    // Per-day message counts for the dashboard (counter_store.h).
    virtual CounterStore& counters() = 0;
    virtual QuarantineStore& quarantine() = 0;
    // Orphans younger than `min_age` are left alone: a milter may be between blob and row.
    virtual Result<FsckReport> fsck(bool remove, std::chrono::seconds min_age) = 0;
};

// Creates [storage] dir (0700) and the database on first use, runs migrations, loads keys.
Result<std::unique_ptr<Store>> open_store(const policies::Config& config, StoreRole role);

}  // namespace chaperone::archive
