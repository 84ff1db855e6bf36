// Logins and sessions; see session_manager.h.
#include "archive/web/session_manager.h"

#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "archive/crypto/sodium_init.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

constexpr std::size_t kCookieBytes = 32;
constexpr std::size_t kCsrfBytes = 32;
constexpr std::size_t kMaxCookieValueBytes = 128;

// Holds one of the limited password-check slots for its lifetime.
template <typename Semaphore>
struct SlotGuard {
    Semaphore& s;
    explicit SlotGuard(Semaphore& sem) : s(sem) { s.acquire(); }
    ~SlotGuard() { s.release(); }
};

}  // namespace

SessionManager::SessionManager(UserStore& users, AuditLog& audit, const policies::WebConfig& web)
    : users_(users),
      audit_(audit),
      idle_timeout_(web.idle_timeout_seconds > 0 ? web.idle_timeout_seconds : web.idle_timeout_minutes * 60),
      touch_interval_(std::clamp<std::int64_t>(idle_timeout_.count() / 10, 1, 60)),
      failures_(web.login_attempts_per_minute) {
    auto dummy = hash_password("chaperone-timing-equaliser");
    if (dummy) dummy_hash_ = *dummy;
}

std::int64_t SessionManager::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string SessionManager::token_hash(const std::string& cookie_value) { return crypto::blake2b256(cookie_value); }

bool SessionManager::tokens_match(const std::string& expected, const std::string& given) {
    if (expected.empty() || given.size() != expected.size()) return false;
    return sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

Result<LoginResult> SessionManager::login(const std::string& name, const std::string& password,
                                          const std::string& client) {
    auto steady = RateLimiter::Clock::now();
    std::string user_key = "user:" + name;
    for (auto& c : user_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string client_key = "client:" + client;
    if (!failures_.allowed(client_key, steady) || !failures_.allowed(user_key, steady)) {
        log::warning("web: login refused, too many failed attempts from {} or for the account", client);
        return Status::error(Errc::limit, "too many failed logins; wait a minute and try again");
    }
    auto found = users_.find_user(name);
    if (!found && found.status().code() != Errc::not_found) return found.status();
    bool ok = false;
    {
        SlotGuard guard(checks_);
        // Unknown names do the same work, so response time does not reveal which exist.
        ok = verify_password(found ? found->password_hash : dummy_hash_, password.substr(0, kMaxPasswordBytes));
    }
    std::string why;
    if (!found) why = "unknown account";
    else if (!ok) why = "wrong password";
    else if (found->account.disabled) why = "account disabled";
    if (!why.empty()) {
        failures_.record(client_key, steady);
        failures_.record(user_key, steady);
        log::warning("web: failed login from {}: {}", client, why);
        nlohmann::json details = {{"client", client}, {"reason", why}};
        std::string target = found ? "user " + found->account.name : "unknown account";
        Actor actor{found ? found->account.name : "(unknown)", "web"};
        if (auto s = audit_.append(actor, AuditEvent{"web.login_failed", target, details.dump()}); !s) return s.status();
        return Status::error(Errc::permission, "wrong account name or password");
    }

    LoginResult out;
    out.cookie_value = crypto::random_hex(kCookieBytes);
    out.user.account = found->account;
    out.user.csrf_token = crypto::random_hex(kCsrfBytes);
    out.user.token_hash = token_hash(out.cookie_value);
    std::int64_t t = now();
    (void)users_.delete_sessions_idle_since(t - idle_timeout_.count());
    if (auto s = users_.create_session(WebSession{out.user.token_hash, found->account.id, out.user.csrf_token, t, t}); !s) {
        return s;
    }
    if (auto s = users_.record_login(found->account, client); !s) return s;
    if (password_needs_rehash(found->password_hash)) {
        auto rehash = hash_password(password);
        if (rehash) (void)users_.set_password(found->account.name, *rehash, out.user.actor());
    }
    log::info("web: login by account {} ({}) from {}", found->account.id, role_name(found->account.role), client);
    return out;
}

Result<WebUser> SessionManager::authenticate(const std::string& cookie_value, SessionState& state) {
    state = SessionState::missing;
    if (cookie_value.empty() || cookie_value.size() > kMaxCookieValueBytes) {
        return Status::error(Errc::permission, "not logged in");
    }
    std::string hash = token_hash(cookie_value);
    auto found = users_.find_session(hash);
    if (!found) {
        if (found.status().code() == Errc::not_found) return Status::error(Errc::permission, "not logged in");
        return found.status();
    }
    std::int64_t t = now();
    const WebSession& s = found->session;
    if (t - s.last_seen_utc > idle_timeout_.count() || t - s.created_utc > kMaxSessionHours * 3600) {
        (void)users_.delete_session(hash);
        state = SessionState::expired;
        return Status::error(Errc::permission, "the session has ended");
    }
    if (t - s.last_seen_utc >= touch_interval_) {
        if (auto st = users_.touch_session(hash, t); !st) return st;
    }
    state = SessionState::valid;
    return WebUser{found->account, s.csrf_token, hash};
}

Status SessionManager::logout(const std::string& cookie_value) {
    if (cookie_value.empty() || cookie_value.size() > kMaxCookieValueBytes) return Status::ok();
    return users_.delete_session(token_hash(cookie_value));
}

}  // namespace chaperone::archive::web
