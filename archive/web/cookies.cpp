// Cookie parsing and Set-Cookie values; see cookies.h.
#include "archive/web/cookies.h"

#include <fmt/format.h>

namespace chaperone::archive::web {

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    if (header.size() > kMaxCookieHeaderBytes) return std::nullopt;
    std::optional<std::string> found;
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view pair = header.substr(pos, end - pos);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
        std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            if (found) return std::nullopt;  // two cookies of one name: trust neither
            std::string_view value = pair.substr(eq + 1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            found = std::string(value);
        }
        pos = end + 1;
    }
    return found;
}

CookieNames cookie_names(bool tls) {
    if (tls) return {"__Host-chaperone_session", "__Host-chaperone_login"};
    return {"chaperone_session", "chaperone_login"};
}

std::string set_cookie(std::string_view name, std::string_view value, bool tls, int max_age_seconds) {
    std::string out = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", name, value);
    if (tls) out += "; Secure";
    if (max_age_seconds >= 0) out += fmt::format("; Max-Age={}", max_age_seconds);
    return out;
}

}  // namespace chaperone::archive::web
