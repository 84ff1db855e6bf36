// Security headers; see security_headers.h.
#include "archive/web/security_headers.h"

namespace chaperone::archive::web {

const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

httplib::Headers security_headers(bool tls) {
    httplib::Headers h = {
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Frame-Options", "DENY"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
        {"Cache-Control", "no-store"},
    };
    if (tls) h.emplace("Strict-Transport-Security", "max-age=31536000");
    return h;
}

}  // namespace chaperone::archive::web
