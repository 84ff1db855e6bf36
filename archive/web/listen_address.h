// Where `chaperone serve` listens, and whether it may listen there.
//
//   auto addr = parse_listen_address("127.0.0.1:8080");   // also "[::1]:8080", "localhost:8080"
//   Status s = check_listen_policy(*addr, config.web);     // TLS, or loopback, or an explicit opt-out
//
// The rule: personal data never crosses a network in the clear. Without [web] tls_cert and
// tls_key the console listens only on loopback (127.0.0.0/8, ::1, localhost) — put a TLS
// reverse proxy in front for other machines — unless the admin sets
// [web] allow_non_loopback_without_tls = true on purpose.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive::web {

struct ListenAddress {
    std::string host;  // as given, without brackets
    int port = 0;      // 0: any free port (tests)
};

Result<ListenAddress> parse_listen_address(std::string_view text);
bool is_loopback_host(std::string_view host);
bool tls_configured(const policies::WebConfig& web);
Status check_listen_policy(const ListenAddress& address, const policies::WebConfig& web);

}  // namespace chaperone::archive::web
