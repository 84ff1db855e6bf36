// The SQLite implementation of the archive store (store.h): one connection, shared by the
// three facets below, guarded by StoreState::mutex.
//
// Internal to archive/store: code elsewhere sees only store.h. The facets live in their own
// files (sqlite_roster.cpp, sqlite_casefiles.cpp, sqlite_audit.cpp); the pieces they share
// — the chain append and the audit append that must run inside a caller's transaction —
// are declared here.
//
// Lock rule: every use of `db` holds `mutex`; blob encryption, decryption and file I/O are
// done without it.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "archive/crypto/key_files.h"
#include "archive/store/blob_store.h"
#include "archive/store/sqlite/database.h"
#include "archive/store/store.h"

namespace chaperone::archive::sqlite {

struct StoreState {
    std::mutex mutex;
    Database db;                    // guarded by mutex
    BlobStore blobs;
    crypto::PublicKey public_key;
    crypto::ChainKey chain_key;     // never null once open
    crypto::SecretKey secret_key;   // null unless StoreRole::reader
    std::string os_user;

    explicit StoreState(BlobStore b) : blobs(std::move(b)) {}
};

// Ledger kinds. Each kind's digest is recomputed by verify_chain(); a new kind (quarantine)
// must teach it how.
constexpr const char* kKindCaseFile = "casefile";
constexpr const char* kKindAudit = "audit";

// Appends one chain link for (kind, ref_id, digest). Caller holds the mutex and an open
// transaction.
Status append_ledger_locked(StoreState& state, std::string_view kind, std::int64_t ref_id, std::string_view digest);
// Inserts one audit record and its chain link. Caller holds the mutex and a transaction.
Result<std::int64_t> append_audit_locked(StoreState& state, const Actor& actor, const AuditEvent& event);
// The same, in its own transaction (takes the mutex).
Result<std::int64_t> append_audit(StoreState& state, const Actor& actor, const AuditEvent& event);

// Canonical digests of stored rows, shared by writers (after insert) and verify_chain().
// not_found when the row is gone.
Result<std::string> casefile_entry_digest_locked(StoreState& state, std::int64_t id, std::string* blob_id,
                                                 std::string* blob_hash, std::int64_t* blob_size,
                                                 std::string* filing_json);
Result<std::string> audit_record_digest_locked(StoreState& state, std::int64_t id);

std::unique_ptr<RosterStore> make_roster_store(StoreState& state);
std::unique_ptr<CaseFileStore> make_casefile_store(StoreState& state);
std::unique_ptr<AuditLog> make_audit_log(StoreState& state);
std::unique_ptr<UserStore> make_user_store(StoreState& state);
std::unique_ptr<CounterStore> make_counter_store(StoreState& state);
std::unique_ptr<QuarantineStore> make_quarantine_store(StoreState& state);

}  // namespace chaperone::archive::sqlite
