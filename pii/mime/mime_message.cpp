// Parsing, serialising and decoding with GMime; see mime_message.h.
#include "pii/mime/mime_message.h"

#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <initializer_list>

#include "pii/mime/charset.h"

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
    GMimeStream* raw = g_mime_data_wrapper_get_stream(content);
    if (!raw) return {};
    // Decode while reading and stop one byte past the bound, so a huge attachment costs
    // max_bytes of memory, not its full size.
    g_mime_stream_reset(raw);
    GPtr<GMimeStream> filtered(g_mime_stream_filter_new(raw));
    GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(content);
    if (encoding == GMIME_CONTENT_ENCODING_BASE64 || encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
        encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
        GPtr<GMimeFilter> decoder(g_mime_filter_basic_new(encoding, FALSE));
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), decoder.get());
    }
    std::string out;
    gint64 length = g_mime_stream_length(raw);
    if (length > 0) out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(static_cast<std::uint64_t>(length), max_bytes) + 1));
    char buffer[64 * 1024];
    constexpr int kMaxEmptyReads = 4;  // a filter may return 0 before the end; do not spin on it
    int empty_reads = 0;
    while (true) {
        gssize n = g_mime_stream_read(filtered.get(), buffer, sizeof buffer);
        if (n < 0) break;
        if (n == 0) {
            if (g_mime_stream_eos(filtered.get()) || ++empty_reads >= kMaxEmptyReads) break;
            continue;
        }
        empty_reads = 0;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > max_bytes) {
            out.resize(static_cast<std::size_t>(max_bytes));
            if (truncated) *truncated = true;
            break;
        }
    }
    return out;
}

namespace {

bool equals_any(const std::string& name, std::initializer_list<const char*> names) {
    for (const char* candidate : names) {
        if (g_ascii_strcasecmp(name.c_str(), candidate) == 0) return true;
    }
    return false;
}

bool is_wide_charset(const std::string& name) {
    return g_ascii_strncasecmp(name.c_str(), "utf-16", 6) == 0 || g_ascii_strncasecmp(name.c_str(), "utf-32", 6) == 0 ||
           g_ascii_strncasecmp(name.c_str(), "utf16", 5) == 0 || g_ascii_strncasecmp(name.c_str(), "utf32", 5) == 0 ||
           g_ascii_strncasecmp(name.c_str(), "ucs-2", 5) == 0 || g_ascii_strncasecmp(name.c_str(), "ucs-4", 5) == 0 ||
           g_ascii_strncasecmp(name.c_str(), "ucs2", 4) == 0 || g_ascii_strncasecmp(name.c_str(), "ucs4", 4) == 0;
}

// iconv with every invalid or truncated input sequence replaced by U+FFFD, so one bad byte
// does not lose the whole part. Returns false when the charset is unknown to iconv.
bool convert_with_iconv(std::string_view bytes, const char* from, std::string& out) {
    iconv_t cd = g_mime_iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.clear();
    out.reserve(bytes.size() * 2 + 16);
    char* in = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char chunk[16 * 1024];
    while (in_left > 0) {
        char* dst = chunk;
        size_t dst_left = sizeof chunk;
        size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
        out.append(chunk, sizeof chunk - dst_left);
        if (rc != static_cast<size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // EILSEQ (invalid) or EINVAL (truncated at the end): mark it and step over one byte.
        out.append("\xEF\xBF\xBD");
        ++in;
        --in_left;
    }
    char* dst = chunk;
    size_t dst_left = sizeof chunk;
    iconv(cd, nullptr, nullptr, &dst, &dst_left);  // flush shift state
    out.append(chunk, sizeof chunk - dst_left);
    g_mime_iconv_close(cd);
    return true;
}

}  // namespace

std::string to_utf8(std::string_view bytes, const char* charset) {
    std::string declared = charset && *charset ? charset : "";
    std::string name = declared.empty() ? "" : g_mime_charset_iconv_name(declared.c_str());
    const bool wide = is_wide_charset(name) || is_wide_charset(declared);
    if (!wide && is_ascii(bytes)) return std::string(bytes);
    if (name.empty() || equals_any(name, {"us-ascii", "ascii", "ansi_x3.4-1968", "646"})) {
        // Undeclared or wrongly declared 8-bit: UTF-8 if it is valid, else the usual Windows charset.
        return is_valid_utf8(bytes) ? std::string(bytes) : windows1252_to_utf8(bytes);
    }
    if (equals_any(name, {"utf-8", "utf8"})) {
        return is_valid_utf8(bytes) ? std::string(bytes) : repair_utf8(bytes);
    }
    // Latin-1 labels are read as windows-1252, its superset, as browsers and mail clients do:
    // 0x80-0x9F in "ISO-8859-1" mail are nearly always curly quotes, dashes and the euro sign.
    if (equals_any(name, {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "windows-1252", "cp1252"}) ||
        equals_any(declared, {"iso-8859-1", "latin1", "windows-1252", "cp1252"})) {
        return windows1252_to_utf8(bytes);
    }
    std::string out;
    if (convert_with_iconv(bytes, name.c_str(), out)) return out;
    // Unknown charset name: read it as windows-1252, which maps every byte.
    return windows1252_to_utf8(bytes);
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
