// The headers every console response carries.
//
//   Content-Security-Policy   default-src 'self'; no script at all (the console needs
//                             none), no inline style, no plugins, no framing, forms post
//                             only back to the console
//   X-Frame-Options DENY, X-Content-Type-Options nosniff, Referrer-Policy no-referrer,
//   Cross-Origin-Opener-Policy same-origin, Permissions-Policy (no camera, mic, geo)
//   Cache-Control no-store    every page may hold personal data; only the style sheet
//                             overrides it (static_assets)
//   Strict-Transport-Security when served over TLS
//
// Thread-safety: pure function.
#pragma once

#include <httplib.h>

namespace chaperone::archive::web {

extern const char* const kContentSecurityPolicy;

httplib::Headers security_headers(bool tls);

}  // namespace chaperone::archive::web
