// The archive's SQLite schema, as versioned migrations kept in code.
//
// migrate() brings a database to the newest version this program knows, one migration per
// transaction, recording the version in PRAGMA user_version. A database newer than the
// program is refused (an old binary must not write to a schema it does not understand).
// To change the schema, append a migration to the list in schema.cpp; never edit one that
// has shipped. (The quarantine store adds its tables as the next migration.)
//
// Tables: roster (pupils, contacts, staff, roster_meta), case files (casefile_entries,
// casefile_students, casefile_addresses, casefile_pupils), audit_log, and ledger, the keyed
// hash chain over case-file entries and audit records. audit_log and ledger are append-only:
// triggers abort any UPDATE or DELETE on them. Version 3 (the web console): web_users,
// web_sessions (hashes of session cookies), message_counters (the milter's per-day counts),
// and an index on audit_log(action, at) for the dashboard's figures.
#pragma once

#include "archive/store/sqlite/database.h"

namespace chaperone::archive::sqlite {

int latest_schema_version();
Status migrate(Database& db);

}  // namespace chaperone::archive::sqlite
