// SQLite RAII wrappers; see database.h.
#include "archive/store/sqlite/database.h"

#include <utility>

namespace chaperone::archive::sqlite {

Status status_from(sqlite3* db, int rc, std::string_view what) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string message = std::string(what) + ": " + detail;
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Status::error(Errc::conflict, message + " (another process held the database lock longer than "
                                                           "[storage] busy_timeout_ms)");
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return Status::error(Errc::io, message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return Status::error(Errc::invalid_input, message);
        case SQLITE_CONSTRAINT:
            return Status::error(Errc::conflict, message);
        default:
            return Status::error(Errc::internal, message);
    }
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
        bind_error_ = other.bind_error_;
    }
    return *this;
}

void Statement::note_bind(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Statement& Statement::bind(int index, std::string_view text) {
    note_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    note_bind(sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    note_bind(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_null(int index) {
    note_bind(sqlite3_bind_null(stmt_, index));
    return *this;
}

Result<bool> Statement::step() {
    if (bind_error_ != SQLITE_OK) return status_from(db_, bind_error_, "binding a parameter");
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return status_from(db_, rc, "database statement");
}

Status Statement::run() {
    for (;;) {
        auto more = step();
        if (!more) return more.status();
        if (!*more) return Status::ok();
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_error_ = SQLITE_OK;
}

std::string Statement::text(int column) const {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(stmt_, column);
    if (!p) return {};
    return std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<Database> Database::open(const std::filesystem::path& path, int busy_timeout_ms, bool create) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db(raw);  // owns the handle even when open failed
    if (rc != SQLITE_OK) return status_from(raw, rc, "opening database " + path.string());
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, busy_timeout_ms);
    // WAL lets readers (the CLI) work while the milter writes; synchronous=FULL makes a
    // commit durable before the milter tells the MTA the message is recorded.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL",
                               "PRAGMA secure_delete=ON"}) {
        if (auto s = db.exec(pragma); !s) return s.with_context("opening database " + path.string());
    }
    return db;
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return status_from(db_, rc, "preparing a database statement");
    return Statement(db_, stmt);
}

Status Database::exec(std::string_view sql) {
    std::string owned(sql);
    int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return status_from(db_, rc, "database");
    return Status::ok();
}

Result<Transaction> Transaction::begin(Database& db) {
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
    if (!db_) return Status::error(Errc::internal, "transaction already finished");
    Status s = db_->exec("COMMIT");
    if (s) db_ = nullptr;  // on failure the destructor rolls back
    return s;
}

}  // namespace chaperone::archive::sqlite
