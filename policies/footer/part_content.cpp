// Decoded content in and out of a GMime part; see part_content.h.
#include "policies/footer/part_content.h"

#include "pii/mime/gmime_ptr.h"
#include "pii/mime/mime_message.h"

namespace chaperone::policies::footer {
namespace {

constexpr std::size_t kMaxLineBytes = 998;  // RFC 5322 2.1.1, without the CRLF

bool needs_quoting_for_7bit(std::string_view bytes, bool eight_bit_allowed) {
    std::size_t line = 0;
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\n') {
            line = 0;
            continue;
        }
        if ((c >= 0x80 && !eight_bit_allowed) || c == 0) return true;
        if (c != '\r' && ++line > kMaxLineBytes) return true;
    }
    return false;
}

}  // namespace

std::string read_decoded(GMimePart* part, std::uint64_t max_bytes, bool& too_large) {
    return pii::decoded_part_bytes(part, max_bytes, &too_large);
}

std::string declared_charset(GMimePart* part) {
    const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    return charset ? charset : "";
}

GMimeContentEncoding encoding_for(GMimeContentEncoding current, std::string_view decoded) {
    switch (current) {
        case GMIME_CONTENT_ENCODING_DEFAULT:
        case GMIME_CONTENT_ENCODING_7BIT:
            return needs_quoting_for_7bit(decoded, false) ? GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE : current;
        case GMIME_CONTENT_ENCODING_8BIT:
            return needs_quoting_for_7bit(decoded, true) ? GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE : current;
        default:
            return current;
    }
}

ContentChange replace_decoded(GMimePart* part, std::string_view decoded, std::string_view new_charset) {
    ContentChange change;
    change.encoding_before = g_mime_part_get_content_encoding(part);
    change.encoding_after = encoding_for(change.encoding_before, decoded);

    if (!new_charset.empty()) {
        std::string current = declared_charset(part);
        if (g_ascii_strcasecmp(current.c_str(), std::string(new_charset).c_str()) != 0) {
            g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", std::string(new_charset).c_str());
            change.charset_changed = true;
        }
    }
    if (change.encoding_after != change.encoding_before) g_mime_part_set_content_encoding(part, change.encoding_after);

    // Identity encodings: the decoded bytes are the raw bytes, so label the content with the
    // part's own encoding and GMime writes it without a filter pass.
    GMimeContentEncoding content_encoding = GMIME_CONTENT_ENCODING_DEFAULT;
    switch (change.encoding_after) {
        case GMIME_CONTENT_ENCODING_DEFAULT:
        case GMIME_CONTENT_ENCODING_7BIT:
        case GMIME_CONTENT_ENCODING_8BIT:
        case GMIME_CONTENT_ENCODING_BINARY:
            content_encoding = change.encoding_after;
            break;
        default:
            break;
    }
    pii::GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(decoded.data(), decoded.size()));
    pii::GPtr<GMimeDataWrapper> wrapper(g_mime_data_wrapper_new_with_stream(stream.get(), content_encoding));
    g_mime_part_set_content(part, wrapper.get());
    return change;
}

std::string_view encoding_name(GMimeContentEncoding encoding) {
    switch (encoding) {
        case GMIME_CONTENT_ENCODING_DEFAULT: return "none";
        case GMIME_CONTENT_ENCODING_7BIT: return "7bit";
        case GMIME_CONTENT_ENCODING_8BIT: return "8bit";
        case GMIME_CONTENT_ENCODING_BINARY: return "binary";
        case GMIME_CONTENT_ENCODING_BASE64: return "base64";
        case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE: return "quoted-printable";
        case GMIME_CONTENT_ENCODING_UUENCODE: return "x-uuencode";
    }
    return "unknown";
}

}  // namespace chaperone::policies::footer
