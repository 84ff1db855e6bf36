// Versioned migrations of the archive schema; see schema.h.
#include "archive/store/sqlite/schema.h"

#include <string>
#include <vector>

#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

struct Migration {
    int version;
    const char* sql;
};

// Version 1: roster, case files, audit log, chain ledger.
constexpr const char* kV1 = R"SQL(
CREATE TABLE roster_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    pupils INTEGER NOT NULL,
    contacts INTEGER NOT NULL,
    staff INTEGER NOT NULL
);
INSERT INTO roster_meta (id, version, imported_at, pupils, contacts, staff) VALUES (1, 0, '', 0, 0, 0);
CREATE TABLE pupils (
    upn TEXT PRIMARY KEY,
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    dob TEXT NOT NULL,
    year_group TEXT NOT NULL,
    address_line1 TEXT NOT NULL,
    town TEXT NOT NULL,
    postcode TEXT NOT NULL
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    upn TEXT NOT NULL REFERENCES pupils(upn),
    contact_name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE INDEX contacts_by_email ON contacts(email);
CREATE INDEX contacts_by_upn ON contacts(upn);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL
);

-- Pupils who have a case file, as they were when last filed to: the case file (and its
-- retention date, from dob) outlives the pupil's place on the roster.
CREATE TABLE casefile_pupils (
    upn TEXT PRIMARY KEY,
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    dob TEXT NOT NULL,
    year_group TEXT NOT NULL
);
CREATE TABLE casefile_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so a purge record names one entry forever
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sent_at TEXT NOT NULL,        -- ISO 8601 with the sender's UTC offset
    sent_utc INTEGER NOT NULL,    -- the same instant in Unix seconds, for ordering
    recorded_at TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    envelope_to TEXT NOT NULL,    -- JSON array of addresses (Bcc recipients included)
    header_from TEXT NOT NULL,
    header_to TEXT NOT NULL,      -- JSON array of "Name <address>"
    header_cc TEXT NOT NULL,
    subject TEXT NOT NULL,
    message_id TEXT NOT NULL,
    attachments TEXT NOT NULL,    -- JSON array of {name, type, size, sha256}
    contacts TEXT NOT NULL,       -- JSON array of the roster contacts' addresses
    filing TEXT NOT NULL,         -- JSON array of {upn, basis}
    message_size INTEGER NOT NULL,
    blob_id TEXT NOT NULL UNIQUE,
    blob_size INTEGER NOT NULL,
    blob_hash TEXT NOT NULL       -- BLAKE2b-256 of the sealed blob file, hex
);
CREATE INDEX casefile_entries_by_sent ON casefile_entries(sent_utc, id);
CREATE TABLE casefile_students (
    upn TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES casefile_entries(id) ON DELETE CASCADE,
    basis TEXT NOT NULL,
    PRIMARY KEY (upn, entry_id)
) WITHOUT ROWID;
CREATE INDEX casefile_students_by_entry ON casefile_students(entry_id);
CREATE TABLE casefile_addresses (
    address TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES casefile_entries(id) ON DELETE CASCADE,
    PRIMARY KEY (address, entry_id)
) WITHOUT ROWID;
CREATE INDEX casefile_addresses_by_entry ON casefile_addresses(entry_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    channel TEXT NOT NULL,        -- cli | web | milter
    os_user TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL         -- JSON; ids, UPNs and counts only, never message content
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The chain: link(n) = BLAKE2b_chainkey(link(n-1) | seq | kind | ref_id | digest(n)).
-- digest is the unkeyed hash of the record's canonical metadata; a purged entry keeps its
-- ledger row, so the chain still verifies, and its purge is an audit record further on.
CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref_id INTEGER NOT NULL,
    digest BLOB NOT NULL,
    link BLOB NOT NULL
);
CREATE INDEX ledger_by_ref ON ledger(kind, ref_id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
)SQL";

// Version 2: the quarantine (quarantine_store.h). Metadata only: the held message itself is
// a sealed blob in <dir>/quarantine; findings carry kinds and offsets, never matched text.
constexpr const char* kV2 = R"SQL(
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an audit record names one entry forever
    fingerprint TEXT NOT NULL UNIQUE,      -- envelope + Message-ID + body hash: a retried message is held once
    held_at TEXT NOT NULL,                 -- ISO 8601
    held_utc INTEGER NOT NULL,             -- the same instant in Unix seconds, for ordering and expiry
    queue_id TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    envelope_to TEXT NOT NULL,             -- JSON array of addresses
    header_from TEXT NOT NULL,
    subject TEXT NOT NULL,                 -- findings in it masked: "Re: [dob]"
    message_id TEXT NOT NULL,
    rules TEXT NOT NULL,                   -- JSON [{id, action, reason}]
    findings TEXT NOT NULL,                -- JSON [{kind, where, start, end, confidence, rules}]
    attachments TEXT NOT NULL,             -- JSON [{name, content_type, size, protection}]
    pupils TEXT NOT NULL,                  -- JSON array of the UPNs the findings concern
    message_size INTEGER NOT NULL,
    blob_id TEXT NOT NULL,                 -- '' once released or discarded (the message is deleted)
    blob_size INTEGER NOT NULL,
    blob_hash TEXT NOT NULL,               -- BLAKE2b-256 of the sealed file, hex
    state TEXT NOT NULL CHECK (state IN ('held', 'releasing', 'released', 'discarded')),
    claim_token TEXT NOT NULL DEFAULT '',  -- the release in progress (state releasing)
    notice TEXT NOT NULL CHECK (notice IN ('not-needed', 'pending', 'sent', 'failed')),
    notice_detail TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quarantine_by_held ON quarantine(held_utc, id);
CREATE INDEX quarantine_by_state ON quarantine(state, held_utc);
)SQL";

// Version 3: the web console's accounts and sessions, and per-day message counters.
constexpr const char* kV3 = R"SQL(
CREATE TABLE web_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('office', 'dpo', 'admin')),
    password_hash TEXT NOT NULL,  -- argon2id string (crypto_pwhash_str); never the password
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    last_login_at TEXT NOT NULL DEFAULT ''
);
-- A session row holds the hash of the cookie value, never the value: a copy of the
-- database cannot be replayed as a login.
CREATE TABLE web_sessions (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_utc INTEGER NOT NULL,
    last_seen_utc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_by_user ON web_sessions(user_id);
CREATE INDEX web_sessions_by_last_seen ON web_sessions(last_seen_utc);
-- Counts only: no message, address or name is ever stored here. What the milter alone
-- knows (scanned, delivered, rejected); held / released / discarded are counted from the
-- quarantine's audit records, archived from the case files (counter_store.h).
CREATE TABLE message_counters (
    day TEXT NOT NULL,     -- YYYY-MM-DD, UTC
    event TEXT NOT NULL CHECK (event IN ('scanned', 'delivered', 'rejected')),
    rule TEXT NOT NULL,    -- rule id, '' for the total
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, event, rule)
) WITHOUT ROWID;
-- The dashboard counts audit records by action and day, and case-file entries by the day
-- they were recorded; both tables outgrow a scan.
CREATE INDEX audit_log_by_action ON audit_log(action, at);
CREATE INDEX casefile_entries_by_recorded ON casefile_entries(recorded_at);
)SQL";

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, kV1},
        {2, kV2},
        {3, kV3},
    };
    return list;
}

Result<int> current_version(Database& db) {
    auto st = db.prepare("PRAGMA user_version");
    CHAPERONE_TRY(st);
    auto row = st->step();
    CHAPERONE_TRY(row);
    return static_cast<int>(st->int64(0));
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

Status migrate(Database& db) {
    for (const auto& m : migrations()) {
        auto before = current_version(db);
        CHAPERONE_TRY(before);
        if (*before >= m.version) continue;
        auto tx = Transaction::begin(db);
        CHAPERONE_TRY(tx);
        // Another process may have migrated while we waited for the lock.
        auto now = current_version(db);
        CHAPERONE_TRY(now);
        if (*now >= m.version) continue;
        if (auto s = db.exec(m.sql); !s) return s.with_context("schema migration " + std::to_string(m.version));
        CHAPERONE_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
        CHAPERONE_TRY(tx->commit());
    }
    auto version = current_version(db);
    CHAPERONE_TRY(version);
    if (*version > latest_schema_version()) {
        return Status::error(Errc::unsupported, "database schema version " + std::to_string(*version) +
                                                    " is newer than this program knows (" +
                                                    std::to_string(latest_schema_version()) + "); upgrade chaperone");
    }
    return Status::ok();
}

}  // namespace chaperone::archive::sqlite
