// Reading the Cookie header and writing Set-Cookie values for the console's two cookies:
// the session cookie and the short-lived login-form cookie (login CSRF, see csrf.h).
//
// Every cookie we set is HttpOnly (no script may read it), SameSite=Strict (never sent on
// a request started by another site) and Path=/; Secure, with the __Host- name prefix,
// when the console runs over TLS.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chaperone::archive::web {

constexpr std::size_t kMaxCookieHeaderBytes = 8192;

// The value of cookie `name` in a Cookie header, if present exactly once.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

struct CookieNames {
    std::string session;
    std::string login;
};
CookieNames cookie_names(bool tls);

// max_age_seconds < 0: a session cookie (no Max-Age); 0: delete it now.
std::string set_cookie(std::string_view name, std::string_view value, bool tls, int max_age_seconds = -1);

}  // namespace chaperone::archive::web
