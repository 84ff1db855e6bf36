// One part footed in its own charset and encoding; see part_footer.h.
#include "policies/footer/part_footer.h"

#include "pii/mime/mime_message.h"
#include "policies/footer/charset_codec.h"
#include "policies/footer/html_footer.h"
#include "policies/footer/text_footer.h"

namespace chaperone::policies::footer {
namespace {

bool is_flowed(GMimePart* part) {
    const char* format = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "format");
    return format && g_ascii_strcasecmp(format, "flowed") == 0;
}

std::string as_utf8(const std::string& decoded, const CharsetInfo& charset) {
    // pii::to_utf8 reads undeclared or us-ascii 8-bit text as UTF-8 when valid, else windows-1252.
    return pii::to_utf8(decoded, charset.declared.empty() ? "us-ascii" : charset.declared.c_str());
}

// The charset name for the log: it comes from the message, so only a short run of the
// characters charset names are made of.
std::string loggable_charset(std::string_view name) {
    constexpr std::size_t kMaxLogged = 40;
    std::string out;
    for (char c : name.substr(0, kMaxLogged)) out.push_back(g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':' ? c : '?');
    return out.empty() ? "us-ascii" : out;
}

}  // namespace

PartFooting foot_part(GMimePart* part, TextKind kind, std::string decoded, const PreparedFooter& footer) {
    CharsetInfo charset = describe_charset(declared_charset(part));
    std::string new_charset;
    if (kind == TextKind::plain) {
        std::string footer_text = is_flowed(part) ? make_flowed_safe(footer.text) : footer.text;
        std::optional<std::string> in_place;
        if (charset.ascii_compatible) in_place = encode_exact(footer_text, charset);
        if (in_place) {
            append_text_footer(decoded, *in_place, detect_newline(decoded));
        } else {
            decoded = as_utf8(decoded, charset);
            append_text_footer(decoded, footer_text, detect_newline(decoded));
            new_charset = "utf-8";
        }
    } else {
        if (charset.ascii_compatible) {
            insert_html_footer(decoded, encode_with_html_references(footer.html, charset), detect_newline(decoded));
        } else {
            decoded = as_utf8(decoded, charset);
            insert_html_footer(decoded, footer.html, detect_newline(decoded));
            new_charset = "utf-8";
        }
    }
    PartFooting result;
    result.change = replace_decoded(part, decoded, new_charset);
    result.charset_after = loggable_charset(new_charset.empty() ? charset.declared : new_charset);
    return result;
}

}  // namespace chaperone::policies::footer
