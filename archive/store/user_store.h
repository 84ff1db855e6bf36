// UserStore: the web console's local accounts and their login sessions.
//
//   auto& users = store.users();
//   users.add_user("jsmith", UserRole::office, hash_password(pw), actor);   // web/password.h
//   auto who = users.find_user("jsmith");          // account + argon2id hash, to verify a login
//   users.create_session({token_hash, who->account.id, csrf, now, now});
//   auto s = users.find_session(token_hash);        // on every request; the web layer decides
//                                                   // whether it is still fresh
//
// Roles nest: office reads case files; dpo also reviews the quarantine and reads the audit
// log; admin also manages users and sees policy and health (role_allows()).
//
// Security notes: the store keeps only password hashes (argon2id strings from libsodium)
// and session-token hashes (BLAKE2b), never a password or a cookie value, so a copy of the
// database opens no session. Changing a password or disabling an account ends that user's
// sessions in the same transaction. Account changes are audited (user.add, user.disable,
// user.enable, user.passwd, user.role) with the account name only.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "archive/audit/actor.h"
#include "pii/base/result.h"

namespace chaperone::archive {

enum class UserRole { office, dpo, admin };
std::string_view role_name(UserRole role);  // "office" | "dpo" | "admin"
bool parse_role(std::string_view name, UserRole& out);
// True when `have` includes everything `need` may do (admin > dpo > office).
bool role_allows(UserRole have, UserRole need);

// Account names: 1..kMaxUserNameBytes of [A-Za-z0-9._@-], compared case-insensitively.
constexpr std::size_t kMaxUserNameBytes = 64;
bool valid_user_name(std::string_view name);

struct UserAccount {
    std::int64_t id = 0;
    std::string name;
    UserRole role = UserRole::office;
    bool disabled = false;
    std::string created_at;     // ISO 8601
    std::string last_login_at;  // ISO 8601; empty: never
};

struct UserCredentials {
    UserAccount account;
    std::string password_hash;  // crypto_pwhash_str output
};

struct WebSession {
    std::string token_hash;   // BLAKE2b-256 of the cookie value (binary)
    std::int64_t user_id = 0;
    std::string csrf_token;   // hex; sent back in every form
    std::int64_t created_utc = 0;
    std::int64_t last_seen_utc = 0;
};

struct SessionWithUser {
    WebSession session;
    UserAccount account;
};

class UserStore {
public:
    virtual ~UserStore() = default;

    // conflict when the name is taken (case-insensitively); invalid_input for a bad name.
    virtual Result<std::int64_t> add_user(const std::string& name, UserRole role, const std::string& password_hash,
                                          const Actor& actor) = 0;
    // By name; at most kMaxUsersListed.
    virtual Result<std::vector<UserAccount>> list_users() = 0;
    // not_found for an unknown name.
    virtual Result<UserCredentials> find_user(const std::string& name) = 0;
    virtual Result<UserAccount> find_user_by_id(std::int64_t id) = 0;
    // Each ends the account's sessions; not_found for an unknown name.
    virtual Status set_password(const std::string& name, const std::string& password_hash, const Actor& actor) = 0;
    virtual Status set_disabled(const std::string& name, bool disabled, const Actor& actor) = 0;
    virtual Status set_role(const std::string& name, UserRole role, const Actor& actor) = 0;
    // A successful login: last_login_at and an audit record "web.login".
    virtual Status record_login(const UserAccount& account, const std::string& client) = 0;

    virtual Status create_session(const WebSession& session) = 0;
    // not_found when there is no such session, or its account is disabled.
    virtual Result<SessionWithUser> find_session(const std::string& token_hash) = 0;
    virtual Status touch_session(const std::string& token_hash, std::int64_t now_utc) = 0;
    virtual Status delete_session(const std::string& token_hash) = 0;
    // Sessions last seen before `cutoff_utc`; returns how many went.
    virtual Result<std::size_t> delete_sessions_idle_since(std::int64_t cutoff_utc) = 0;
};

constexpr std::size_t kMaxUsersListed = 10'000;

}  // namespace chaperone::archive
