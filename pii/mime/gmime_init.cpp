// One-time GMime initialisation; see gmime_ptr.h.
#include <mutex>

#include "pii/mime/gmime_ptr.h"

namespace chaperone::pii {

void ensure_gmime() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        // Accept what real mail clients send: 8-bit headers decoded as UTF-8 or the
        // fallback charsets below, rather than rejected.
        GMimeParserOptions* options = g_mime_parser_options_get_default();
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
        const char* fallback[] = {"utf-8", "windows-1252", nullptr};
        g_mime_parser_options_set_fallback_charsets(options, fallback);
    });
}

}  // namespace chaperone::pii
