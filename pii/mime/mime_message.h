// A parsed MIME message: the one model of a message every stage works on.
//
// MimeMessage::parse() takes the raw bytes as the MTA handed them (headers, blank line,
// body; LF or CRLF), and never fails on malformed MIME: GMime recovers what it can (missing
// boundaries, 8-bit headers) and the parse warnings are kept so callers can report them.
// It fails only when there is nothing that looks like a message at all.
//
// Thread-safety: a MimeMessage belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"
#include "pii/mime/gmime_ptr.h"

namespace chaperone::pii {

class MimeMessage {
public:
    static Result<MimeMessage> parse(std::string_view raw);
    static Result<MimeMessage> parse_file(const std::filesystem::path& path);
    // From any GMime stream (e.g. a concatenation of headers in memory and a spilled body file).
    static Result<MimeMessage> parse_gmime_stream(GMimeStream* stream);
    static MimeMessage from_parsed(GPtr<GMimeMessage> message, std::vector<std::string> warnings);

    GMimeMessage* get() const { return message_.get(); }
    GMimeObject* body() const { return g_mime_message_get_mime_part(message_.get()); }

    // The whole message serialised again (after changes), LF or CRLF line endings.
    std::string serialize(bool crlf = false) const;
    // The body only (what a milter hands back with SMFIR_REPLBODY, which wants CRLF).
    std::string serialize_body(bool crlf = false) const;

    // Problems GMime recovered from while parsing ("missing boundary", "8-bit header"),
    // worded for the log; never message content.
    const std::vector<std::string>& parse_warnings() const { return warnings_; }

    // A header of the top-level message, decoded to UTF-8; empty when absent.
    std::string header(const char* name) const;

private:
    explicit MimeMessage(GPtr<GMimeMessage> message) : message_(std::move(message)) {}
    GPtr<GMimeMessage> message_;
    std::vector<std::string> warnings_;
};

// The decoded bytes of a leaf part (Content-Transfer-Encoding undone, charset untouched).
// Stops after `max_bytes` and sets `truncated`; decodes as it reads, so memory stays
// bounded by `max_bytes` whatever the part's size. Truncated base64 yields what decodes.
std::string decoded_part_bytes(GMimePart* part, std::uint64_t max_bytes, bool* truncated = nullptr);

// Converts `bytes` in `charset` to UTF-8. Unknown charsets and invalid sequences degrade
// to a best effort, never fail: undeclared 8-bit text is UTF-8 when valid, else
// windows-1252; ISO-8859-1 is read as its superset windows-1252; invalid bytes in text
// declared UTF-8 are read as windows-1252 (mislabelled Latin-1); other charsets go through
// iconv with U+FFFD for each invalid sequence; an unknown charset name means windows-1252.
std::string to_utf8(std::string_view bytes, const char* charset);

// Lower-case "type/subtype" of a part ("text/plain" when the header is missing).
std::string mime_type_of(GMimeObject* object);

}  // namespace chaperone::pii
