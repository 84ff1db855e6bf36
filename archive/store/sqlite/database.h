// A small RAII layer over SQLite: one Database connection, prepared Statements, and
// Transactions that roll back unless committed.
//
//   auto db = Database::open(path, busy_timeout_ms);
//   auto tx = Transaction::begin(*db);              // BEGIN IMMEDIATE: takes the write lock now
//   auto st = db->prepare("INSERT INTO t(a, b) VALUES (?, ?)");
//   st->bind(1, "x").bind(2, std::int64_t{3});
//   if (auto s = st->run(); !s) return s;           // the transaction rolls back on return
//   return tx->commit();
//
// Only prepared statements with bound parameters touch data; exec() is for fixed DDL and
// pragmas. SQLite result codes become Status values: BUSY/LOCKED -> Errc::conflict (another
// process held the lock past busy_timeout), FULL/IOERR/CANTOPEN/READONLY -> Errc::io.
//
// Thread-safety: a Database and its Statements belong to one thread at a time; the store
// that owns the connection serialises access with its own mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "pii/base/result.h"

namespace chaperone::archive::sqlite {

// The Status for a failed SQLite call, worded "<what>: <sqlite message>".
Status status_from(sqlite3* db, int rc, std::string_view what);

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT).
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);

    // Advances: true when a row is ready to read, false when the statement is done.
    Result<bool> step();
    // Steps to the end, for statements that return no rows.
    Status run();
    void reset();

    std::string text(int column) const;
    std::string blob(int column) const;
    std::int64_t int64(int column) const;
    bool is_null(int column) const;

private:
    void note_bind(int rc);
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    int bind_error_ = SQLITE_OK;  // the first failed bind, reported by step()
};

class Database {
public:
    // Opens (creating if asked) with WAL, foreign keys, synchronous=FULL and busy_timeout.
    static Result<Database> open(const std::filesystem::path& path, int busy_timeout_ms, bool create);

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Result<Statement> prepare(std::string_view sql);
    // Fixed SQL without parameters (DDL, pragmas, BEGIN/COMMIT).
    Status exec(std::string_view sql);
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    sqlite3* handle() const { return db_; }

private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when destroyed uncommitted. Immediate transactions
// take the write lock at the start, so two writers never deadlock upgrading a read lock.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    ~Transaction();
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Status commit();

private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;  // null once committed or rolled back
};

}  // namespace chaperone::archive::sqlite
