// Logins and sessions of the web console.
//
//   SessionManager sessions(store.users(), store.audit(), config.web);
//   auto in = sessions.login(name, password, client_addr);   // -> cookie value for Set-Cookie
//   auto who = sessions.authenticate(cookie_value);           // on every request
//   sessions.logout(cookie_value);
//
// A session lives in the store (user_store.h) as the BLAKE2b hash of a 256-bit random
// cookie value, with its own CSRF token. It ends after [web] idle_timeout_seconds (or
// idle_timeout_minutes; default 10 minutes, as the seed policies ask) without a request,
// after kMaxSessionHours in any case, and when the account is disabled or its password
// changes. Last-seen times are written at most once per touch interval (a tenth of the
// timeout, at most a minute), not on every request.
//
// Failed logins are limited per client address and per account name to [web]
// login_attempts_per_minute (rate_limiter.h); over the limit even a right password is
// refused until the minute has passed. Unknown names cost the same argon2id work as known
// ones, so timing does not tell which accounts exist. Logins and failed logins are audited;
// the typed name is recorded only when such an account exists (a password typed into the
// name field must not end up in the audit log).
//
// Thread-safety: all methods are safe to call from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <semaphore>
#include <string>

#include "archive/store/audit_log.h"
#include "archive/store/user_store.h"
#include "archive/web/password.h"
#include "archive/web/rate_limiter.h"
#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive::web {

constexpr std::int64_t kMaxSessionHours = 12;

struct WebUser {
    UserAccount account;
    std::string csrf_token;
    std::string token_hash;
    Actor actor() const { return Actor{account.name, "web"}; }
};

struct LoginResult {
    std::string cookie_value;
    WebUser user;
};

enum class SessionState { valid, missing, expired };

class SessionManager {
public:
    SessionManager(UserStore& users, AuditLog& audit, const policies::WebConfig& web);

    std::chrono::seconds idle_timeout() const { return idle_timeout_; }

    // Errc::limit when rate limited; Errc::permission for a wrong name or password or a
    // disabled account (one message for all three); other codes for store failures.
    Result<LoginResult> login(const std::string& name, const std::string& password, const std::string& client);
    // The session's user, or `state` says why not (missing, expired).
    Result<WebUser> authenticate(const std::string& cookie_value, SessionState& state);
    Status logout(const std::string& cookie_value);

    static std::string token_hash(const std::string& cookie_value);
    // Constant-time comparison of CSRF tokens; false when either is empty.
    static bool tokens_match(const std::string& expected, const std::string& given);

private:
    std::int64_t now() const;

    UserStore& users_;
    AuditLog& audit_;
    std::chrono::seconds idle_timeout_;
    std::int64_t touch_interval_;
    RateLimiter failures_;
    std::counting_semaphore<kMaxConcurrentPasswordChecks> checks_{kMaxConcurrentPasswordChecks};
    std::string dummy_hash_;  // verified against for unknown names
};

}  // namespace chaperone::archive::web
