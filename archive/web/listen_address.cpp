// Listen address parsing and the loopback-or-TLS rule; see listen_address.h.
#include "archive/web/listen_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace chaperone::archive::web {

Result<ListenAddress> parse_listen_address(std::string_view text) {
    auto bad = [&](const char* why) {
        return Status::error(Errc::invalid_input, "[web] listen \"" + std::string(text) + "\": " + why);
    };
    ListenAddress out;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        std::size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            return bad("expected [IPv6]:PORT");
        }
        out.host = std::string(text.substr(1, close - 1));
        port = text.substr(close + 2);
    } else {
        std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos) return bad("expected HOST:PORT");
        out.host = std::string(text.substr(0, colon));
        port = text.substr(colon + 1);
        if (out.host.find(':') != std::string::npos) return bad("put an IPv6 address in brackets: [::1]:8080");
    }
    if (out.host.empty()) return bad("the host is missing (use 127.0.0.1 or 0.0.0.0)");
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (ec != std::errc() || end != port.data() + port.size() || out.port < 0 || out.port > 65535) {
        return bad("the port must be a number from 0 to 65535");
    }
    return out;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost") return true;
    in_addr v4{};
    std::string h(host);
    if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

bool tls_configured(const policies::WebConfig& web) { return !web.tls_cert.empty() && !web.tls_key.empty(); }

Status check_listen_policy(const ListenAddress& address, const policies::WebConfig& web) {
    if (web.tls_cert.empty() != web.tls_key.empty()) {
        return Status::error(Errc::invalid_input, "[web] tls_cert and tls_key go together: set both or neither");
    }
    if (tls_configured(web) || is_loopback_host(address.host) || web.allow_non_loopback_without_tls) return Status::ok();
    return Status::error(Errc::permission,
                         "refusing to serve personal data without TLS on " + address.host +
                             ": set [web] tls_cert and tls_key, listen on 127.0.0.1 behind a TLS proxy, or set "
                             "[web] allow_non_loopback_without_tls = true");
}

}  // namespace chaperone::archive::web
