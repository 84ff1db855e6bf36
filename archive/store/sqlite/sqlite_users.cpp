// Web console accounts and sessions in SQLite; see user_store.h and sqlite_store.h.
//
// Every account change and its audit record commit in one transaction: there is no change
// without a record of who made it.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

constexpr const char* kUserColumns = "id, name, role, disabled, created_at, last_login_at";

UserAccount account_from_row(const Statement& st, int first = 0) {
    UserAccount a;
    a.id = st.int64(first);
    a.name = st.text(first + 1);
    parse_role(st.text(first + 2), a.role);
    a.disabled = st.int64(first + 3) != 0;
    a.created_at = st.text(first + 4);
    a.last_login_at = st.text(first + 5);
    return a;
}

Status need_name(const std::string& name) {
    if (valid_user_name(name)) return Status::ok();
    return Status::error(Errc::invalid_input, fmt::format("account names are 1-{} characters of A-Z a-z 0-9 . _ @ -",
                                                          kMaxUserNameBytes));
}

class SqliteUserStore final : public UserStore {
public:
    explicit SqliteUserStore(StoreState& state) : state_(state) {}

    Result<std::int64_t> add_user(const std::string& name, UserRole role, const std::string& password_hash,
                                  const Actor& actor) override {
        CHAPERONE_TRY(need_name(name));
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto exists = state_.db.prepare("SELECT 1 FROM web_users WHERE name = ?");
        CHAPERONE_TRY(exists);
        exists->bind(1, name);
        auto row = exists->step();
        CHAPERONE_TRY(row);
        if (*row) return Status::error(Errc::conflict, "an account named '" + name + "' already exists");
        auto st = state_.db.prepare(
            "INSERT INTO web_users (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)");
        CHAPERONE_TRY(st);
        std::string now = format_iso8601(now_utc());
        st->bind(1, name).bind(2, role_name(role)).bind(3, password_hash).bind(4, now).bind(5, now);
        CHAPERONE_TRY(st->run());
        std::int64_t id = state_.db.last_insert_rowid();
        nlohmann::json details = {{"id", id}, {"role", std::string(role_name(role))}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"user.add", "user " + name, details.dump()}));
        CHAPERONE_TRY(tx->commit());
        return id;
    }

    Result<std::vector<UserAccount>> list_users() override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(std::string("SELECT ") + kUserColumns + " FROM web_users ORDER BY name LIMIT ?");
        CHAPERONE_TRY(st);
        st->bind(1, static_cast<std::int64_t>(kMaxUsersListed));
        std::vector<UserAccount> out;
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            out.push_back(account_from_row(*st));
        }
        return out;
    }

    Result<UserCredentials> find_user(const std::string& name) override {
        if (!valid_user_name(name)) return Status::error(Errc::not_found, "no such account");
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(std::string("SELECT ") + kUserColumns + ", password_hash FROM web_users WHERE name = ?");
        CHAPERONE_TRY(st);
        st->bind(1, name);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::not_found, "no account named '" + name + "'");
        return UserCredentials{account_from_row(*st), st->text(6)};
    }

    Result<UserAccount> find_user_by_id(std::int64_t id) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(std::string("SELECT ") + kUserColumns + " FROM web_users WHERE id = ?");
        CHAPERONE_TRY(st);
        st->bind(1, id);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::not_found, fmt::format("no account {}", id));
        return account_from_row(*st);
    }

    Status set_password(const std::string& name, const std::string& password_hash, const Actor& actor) override {
        return change(name, actor, "user.passwd", "{}",
                      "UPDATE web_users SET password_hash = ?2, password_changed_at = ?3 WHERE name = ?1",
                      [&](Statement& st) { st.bind(2, password_hash).bind(3, format_iso8601(now_utc())); }, true);
    }

    Status set_disabled(const std::string& name, bool disabled, const Actor& actor) override {
        return change(name, actor, disabled ? "user.disable" : "user.enable", "{}",
                      "UPDATE web_users SET disabled = ?2 WHERE name = ?1",
                      [&](Statement& st) { st.bind(2, disabled ? 1 : 0); }, disabled);
    }

    Status set_role(const std::string& name, UserRole role, const Actor& actor) override {
        nlohmann::json details = {{"role", std::string(role_name(role))}};
        return change(name, actor, "user.role", details.dump(), "UPDATE web_users SET role = ?2 WHERE name = ?1",
                      [&](Statement& st) { st.bind(2, role_name(role)); }, true);
    }

    Status record_login(const UserAccount& account, const std::string& client) override {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto st = state_.db.prepare("UPDATE web_users SET last_login_at = ? WHERE id = ?");
        CHAPERONE_TRY(st);
        st->bind(1, format_iso8601(now_utc())).bind(2, account.id);
        CHAPERONE_TRY(st->run());
        nlohmann::json details = {{"client", client}};
        Actor actor{account.name, "web"};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"web.login", "user " + account.name, details.dump()}));
        return tx->commit();
    }

    Status create_session(const WebSession& s) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(
            "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_utc, last_seen_utc) VALUES (?, ?, ?, ?, ?)");
        CHAPERONE_TRY(st);
        st->bind_blob(1, s.token_hash).bind(2, s.user_id).bind(3, s.csrf_token).bind(4, s.created_utc).bind(5, s.last_seen_utc);
        return st->run();
    }

    Result<SessionWithUser> find_session(const std::string& token_hash) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(
            "SELECT s.user_id, s.csrf_token, s.created_utc, s.last_seen_utc, "
            "u.id, u.name, u.role, u.disabled, u.created_at, u.last_login_at "
            "FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = ?");
        CHAPERONE_TRY(st);
        st->bind_blob(1, token_hash);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::not_found, "no such session");
        SessionWithUser out;
        out.session.token_hash = token_hash;
        out.session.user_id = st->int64(0);
        out.session.csrf_token = st->text(1);
        out.session.created_utc = st->int64(2);
        out.session.last_seen_utc = st->int64(3);
        out.account = account_from_row(*st, 4);
        if (out.account.disabled) return Status::error(Errc::not_found, "the account is disabled");
        return out;
    }

    Status touch_session(const std::string& token_hash, std::int64_t now) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("UPDATE web_sessions SET last_seen_utc = ? WHERE token_hash = ? AND last_seen_utc < ?");
        CHAPERONE_TRY(st);
        st->bind(1, now).bind_blob(2, token_hash).bind(3, now);
        return st->run();
    }

    Status delete_session(const std::string& token_hash) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("DELETE FROM web_sessions WHERE token_hash = ?");
        CHAPERONE_TRY(st);
        st->bind_blob(1, token_hash);
        return st->run();
    }

    Result<std::size_t> delete_sessions_idle_since(std::int64_t cutoff) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("DELETE FROM web_sessions WHERE last_seen_utc < ?");
        CHAPERONE_TRY(st);
        st->bind(1, cutoff);
        CHAPERONE_TRY(st->run());
        return static_cast<std::size_t>(sqlite3_changes(state_.db.handle()));
    }

private:
    // One account change: the UPDATE (parameter 1 is the name), optionally ending the
    // account's sessions, and its audit record, in one transaction.
    template <typename Bind>
    Status change(const std::string& name, const Actor& actor, const char* action, const std::string& details,
                  const char* sql, Bind bind, bool end_sessions) {
        if (!valid_user_name(name)) return Status::error(Errc::not_found, "no such account");
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        // The audit record names the account as stored, however the caller spelled it.
        auto canonical = state_.db.prepare("SELECT name FROM web_users WHERE name = ?");
        CHAPERONE_TRY(canonical);
        canonical->bind(1, name);
        auto found = canonical->step();
        CHAPERONE_TRY(found);
        if (!*found) return Status::error(Errc::not_found, "no account named '" + name + "'");
        const std::string stored = canonical->text(0);
        auto st = state_.db.prepare(sql);
        CHAPERONE_TRY(st);
        st->bind(1, name);
        bind(*st);
        CHAPERONE_TRY(st->run());
        if (end_sessions) {
            auto del = state_.db.prepare("DELETE FROM web_sessions WHERE user_id = (SELECT id FROM web_users WHERE name = ?)");
            CHAPERONE_TRY(del);
            del->bind(1, name);
            CHAPERONE_TRY(del->run());
        }
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{action, "user " + stored, details}));
        return tx->commit();
    }

    StoreState& state_;
};

}  // namespace

std::unique_ptr<UserStore> make_user_store(StoreState& state) { return std::make_unique<SqliteUserStore>(state); }

}  // namespace chaperone::archive::sqlite
