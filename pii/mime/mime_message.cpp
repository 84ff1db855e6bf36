// Parsing, serialising and decoding with GMime; see mime_message.h.
#include "pii/mime/mime_message.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace chaperone::pii {
namespace {

const char* warning_text(GMimeParserWarning code) {
    switch (code) {
        case GMIME_WARN_DUPLICATED_HEADER: return "duplicated header";
        case GMIME_WARN_DUPLICATED_PARAMETER: return "duplicated header parameter";
        case GMIME_WARN_UNENCODED_8BIT_HEADER: return "unencoded 8-bit header";
        case GMIME_WARN_INVALID_CONTENT_TYPE: return "invalid content type";
        case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return "invalid RFC 2047 header value";
        case GMIME_WARN_MALFORMED_MULTIPART: return "malformed multipart";
        case GMIME_WARN_TRUNCATED_MESSAGE: return "truncated message";
        case GMIME_WARN_MALFORMED_MESSAGE: return "malformed message";
        case GMIME_CRIT_INVALID_HEADER_NAME: return "invalid header name";
        case GMIME_CRIT_CONFLICTING_HEADER: return "conflicting header";
        case GMIME_CRIT_CONFLICTING_PARAMETER: return "conflicting header parameter";
        case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return "multipart without boundary";
        case GMIME_WARN_INVALID_PARAMETER: return "invalid header parameter";
        case GMIME_WARN_INVALID_ADDRESS_LIST: return "invalid address list";
        case GMIME_CRIT_NESTING_OVERFLOW: return "MIME nesting too deep";
        case GMIME_WARN_PART_WITHOUT_CONTENT: return "part without content";
        case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return "part without headers or content";
    }
    return "parser warning";
}

void collect_warning(gint64 offset, GMimeParserWarning code, const gchar* /*item*/, gpointer user_data) {
    auto* warnings = static_cast<std::vector<std::string>*>(user_data);
    if (warnings->size() >= 50) return;  // a hostile message must not grow this without bound
    warnings->push_back(fmt::format("{} at byte {}", warning_text(code), offset));
}

struct ParserOptionsDeleter {
    void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

}  // namespace

static Result<MimeMessage> parse_stream(GMimeStream* stream, std::vector<std::string>& warnings) {
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
    std::unique_ptr<GMimeParserOptions, ParserOptionsDeleter> options(
        g_mime_parser_options_clone(g_mime_parser_options_get_default()));
    g_mime_parser_options_set_warning_callback(options.get(), collect_warning, &warnings);
    GMimeMessage* message = g_mime_parser_construct_message(parser.get(), options.get());
    if (!message) return Status::error(Errc::invalid_input, "not a MIME message (no header block found)");
    return MimeMessage::from_parsed(GPtr<GMimeMessage>(message), std::move(warnings));
}

Result<MimeMessage> MimeMessage::parse(std::string_view raw) {
    ensure_gmime();
    if (raw.empty()) return Status::error(Errc::invalid_input, "empty message");
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    std::vector<std::string> warnings;
    return parse_stream(stream.get(), warnings);
}

Result<MimeMessage> MimeMessage::parse_file(const std::filesystem::path& path) {
    ensure_gmime();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::error(Errc::not_found, "cannot open " + path.string());
    GPtr<GMimeStream> stream(g_mime_stream_fs_new(fd));  // owns fd
    std::vector<std::string> warnings;
    return parse_stream(stream.get(), warnings);
}

Result<MimeMessage> MimeMessage::parse_gmime_stream(GMimeStream* stream) {
    ensure_gmime();
    std::vector<std::string> warnings;
    return parse_stream(stream, warnings);
}

MimeMessage MimeMessage::from_parsed(GPtr<GMimeMessage> message, std::vector<std::string> warnings) {
    MimeMessage m(std::move(message));
    m.warnings_ = std::move(warnings);
    return m;
}

static std::string write_object(GMimeObject* object, bool crlf, bool body_only) {
    GMimeFormatOptions* options = g_mime_format_options_clone(g_mime_format_options_get_default());
    g_mime_format_options_set_newline_format(options, crlf ? GMIME_NEWLINE_FORMAT_DOS : GMIME_NEWLINE_FORMAT_UNIX);
    GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    if (body_only) {
        // The body of a message is its top MIME part without that part's own headers
        // (they are the message's Content-* headers, which the MTA keeps).
        GMimeObject* body = object;
        if (GMIME_IS_MULTIPART(body) || GMIME_IS_PART(body) || GMIME_IS_MESSAGE_PART(body)) {
            g_mime_object_write_content_to_stream(body, options, stream.get());
        }
    } else {
        g_mime_object_write_to_stream(object, options, stream.get());
    }
    g_mime_format_options_free(options);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string MimeMessage::serialize(bool crlf) const { return write_object(GMIME_OBJECT(message_.get()), crlf, false); }

std::string MimeMessage::serialize_body(bool crlf) const {
    GMimeObject* part = body();
    if (!part) return {};
    return write_object(part, crlf, true);
}

std::string MimeMessage::header(const char* name) const {
    const char* value = g_mime_object_get_header(GMIME_OBJECT(message_.get()), name);
    if (!value) return {};
    // g_mime_object_get_header returns the unfolded, RFC 2047-decoded value in UTF-8.
    return value;
}

std::string decoded_part_bytes(GMimePart* part, std::uint64_t max_bytes, bool* truncated) {
    if (truncated) *truncated = false;
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return {};
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    std::size_t n = bytes->len;
    if (n > max_bytes) {
        n = max_bytes;
        if (truncated) *truncated = true;
    }
    return std::string(reinterpret_cast<const char*>(bytes->data), n);
}

static bool is_valid_utf8(std::string_view s) { return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr); }

std::string to_utf8(std::string_view bytes, const char* charset) {
    bool ascii = true;
    for (unsigned char c : bytes) {
        if (c >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) return std::string(bytes);
    std::string name = charset && *charset ? g_mime_charset_iconv_name(charset) : "";
    if (name.empty() || g_ascii_strcasecmp(name.c_str(), "us-ascii") == 0 || g_ascii_strcasecmp(name.c_str(), "ascii") == 0) {
        // Undeclared or wrongly declared 8-bit: UTF-8 if it is valid, else the usual Windows charset.
        name = is_valid_utf8(bytes) ? "UTF-8" : "WINDOWS-1252";
    }
    if (g_ascii_strcasecmp(name.c_str(), "utf-8") == 0 || g_ascii_strcasecmp(name.c_str(), "utf8") == 0) {
        if (is_valid_utf8(bytes)) return std::string(bytes);
        gchar* fixed = g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size()));
        std::string out(fixed);
        g_free(fixed);
        return out;
    }
    gsize written = 0;
    GError* error = nullptr;
    gchar* converted = g_convert_with_fallback(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", name.c_str(),
                                               "\xEF\xBF\xBD", nullptr, &written, &error);
    if (!converted) {
        if (error) g_error_free(error);
        // Unknown charset name: read it as windows-1252, which maps every byte.
        converted = g_convert_with_fallback(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", "WINDOWS-1252",
                                           "\xEF\xBF\xBD", nullptr, &written, nullptr);
        if (!converted) {
            gchar* fixed = g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size()));
            std::string out(fixed);
            g_free(fixed);
            return out;
        }
    }
    std::string out(converted, written);
    g_free(converted);
    return out;
}

std::string mime_type_of(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (!type) return "text/plain";
    const char* media = g_mime_content_type_get_media_type(type);
    const char* sub = g_mime_content_type_get_media_subtype(type);
    std::string out = fmt::format("{}/{}", media ? media : "text", sub ? sub : "plain");
    for (char& c : out) c = static_cast<char>(g_ascii_tolower(c));
    return out;
}

}  // namespace chaperone::pii
