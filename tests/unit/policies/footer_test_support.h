// Shared helpers for the footer engine tests (tests/unit/policies/footer_*_test.cpp):
// the footers the fixtures were written with, fixture loading, part lookup by IMAP-style path
// ("" is the top-level part, "1.2" the second child of the first child), decoding a part to
// UTF-8, and the serialised bytes of one part for byte-for-byte comparisons.
// Header-only because the test build compiles every *_test.cpp and nothing else.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pii/mime/gmime_ptr.h"
#include "pii/mime/mime_message.h"
#include "policies/footer/footer_inserter.h"
#include "test_support.h"

namespace chaperone::footer_test {

using policies::FooterOutcome;
using policies::FooterText;

// The footer the corpus was written with (tests/fixtures/footer/*: the already-footed and the
// forwarded messages carry it). A pound sign and an accented letter, all inside Latin-1 and
// windows-1252, so those parts are footed in their own charset.
inline const FooterText kFooter{
    "Example Primary School, Pembury Lane, Leicester. Caf\u00e9 open 8am to 9am.\n"
    "Confidential: if this reached you in error, please tell the sender. Trip fees from \u00a35.",
    "<div class=\"chaperone-disclaimer\"><p>Example Primary School, Pembury Lane, Leicester. Caf&eacute; open 8am "
    "to 9am.</p>\n<p>Confidential: if this reached you in error, please tell the sender. Trip fees from \u00a35.</p></div>"};

// kFooter.html as it must read in a us-ascii part: the pound sign as a character reference.
inline const std::string kFooterHtmlAscii =
    "<div class=\"chaperone-disclaimer\"><p>Example Primary School, Pembury Lane, Leicester. Caf&eacute; open 8am "
    "to 9am.</p>\n<p>Confidential: if this reached you in error, please tell the sender. Trip fees from &#163;5.</p></div>";

// A Welsh footer with characters outside Latin-1 (the en dash is in windows-1252, the telephone
// sign in neither), so Latin-1 text parts must become UTF-8.
inline const FooterText kWelshFooter{
    "Ysgol Enghraifft \u2013 \u260e 0116 496 0720 \u2013 ffioedd o \u00a35 \u2013 caf\u00e9 ar agor 8am.",
    "<p>Ysgol Enghraifft \u2013 \u260e 0116 496 0720 \u2013 ffioedd o \u00a35 \u2013 caf\u00e9 ar agor 8am.</p>"};

inline std::string fixture(const std::string& name) { return test::read_file(test::tests_path("fixtures/footer/" + name)); }

inline pii::MimeMessage parse(std::string_view raw) {
    auto parsed = pii::MimeMessage::parse(raw);
    REQUIRE(parsed.is_ok());
    return std::move(parsed).value();
}

inline bool uses_crlf(std::string_view raw) { return raw.find("\r\n") != std::string_view::npos; }

// serialize(crlf) then parse again: what the recipient's client will read.
inline pii::MimeMessage reparse(const pii::MimeMessage& message, bool crlf) { return parse(message.serialize(crlf)); }

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(g_ascii_tolower(c));
    return out;
}

// The object at an IMAP-style path ("" is the top-level part, "1.2" the second child of the
// first child); FAILs the test when there is none.
inline GMimeObject* part_at(GMimeObject* root, const std::string& path) {
    GMimeObject* object = root;
    std::size_t pos = 0;
    while (pos < path.size()) {
        std::size_t dot = path.find('.', pos);
        if (dot == std::string::npos) dot = path.size();
        int index = std::stoi(path.substr(pos, dot - pos)) - 1;
        if (!object || !GMIME_IS_MULTIPART(object) || index < 0 || index >= g_mime_multipart_get_count(GMIME_MULTIPART(object)))
            FAIL("no MIME part at path " << path);
        object = g_mime_multipart_get_part(GMIME_MULTIPART(object), index);
        pos = dot + 1;
    }
    if (!object) FAIL("no MIME part at path " << path);
    return object;
}

// Every leaf (and message/* part, which is not entered) with its path, in document order.
inline void collect_leaves(GMimeObject* object, const std::string& path,
                           std::vector<std::pair<std::string, GMimeObject*>>& out) {
    if (GMIME_IS_MULTIPART(object)) {
        auto* multipart = GMIME_MULTIPART(object);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i)
            collect_leaves(g_mime_multipart_get_part(multipart, i), path + (path.empty() ? "" : ".") + std::to_string(i + 1), out);
        return;
    }
    out.emplace_back(path, object);
}
inline std::vector<std::pair<std::string, GMimeObject*>> leaves(GMimeObject* root) {
    std::vector<std::pair<std::string, GMimeObject*>> out;
    if (root) collect_leaves(root, "", out);
    return out;
}

// Decoded content of a leaf, transfer encoding undone, charset untouched.
inline std::string decoded_bytes(GMimeObject* leaf) {
    REQUIRE(GMIME_IS_PART(leaf));
    return pii::decoded_part_bytes(GMIME_PART(leaf), 1ull << 30);
}

inline std::string charset_of(GMimeObject* leaf) {
    const char* charset = g_mime_object_get_content_type_parameter(leaf, "charset");
    return charset ? charset : "";
}

// Decoded content of a leaf, converted from its charset to UTF-8.
inline std::string decoded_utf8(GMimeObject* leaf) {
    std::string charset = charset_of(leaf);
    return pii::to_utf8(decoded_bytes(leaf), charset.empty() ? "us-ascii" : charset.c_str());
}

// "quoted-printable", "7bit", ...; "" when the header is absent.
inline std::string encoding_of(GMimeObject* leaf) {
    const char* value = g_mime_object_get_header(leaf, "Content-Transfer-Encoding");
    return value ? lower(value) : "";
}

// Headers and content of one object as GMime writes it.
inline std::string object_bytes(GMimeObject* object, bool crlf = false) {
    GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
    g_mime_format_options_set_newline_format(options, crlf ? GMIME_NEWLINE_FORMAT_DOS : GMIME_NEWLINE_FORMAT_UNIX);
    pii::GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(object, options, stream.get());
    g_mime_format_options_free(options);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

inline std::string newlines_as(std::string_view lf_text, std::string_view nl) {
    std::string out;
    for (char c : lf_text) {
        if (c == '\n') out.append(nl);
        else out.push_back(c);
    }
    return out;
}

// What a footed text/plain part must decode to (text_footer.h): the original, a line break if
// it had no final one, a blank line, the footer, a line break; in the original's newline style.
inline std::string expected_plain(const std::string& original, const std::string& footer_text) {
    std::string nl = original.find("\r\n") != std::string::npos ? "\r\n" : "\n";
    std::string out = original;
    if (!out.empty()) {
        if (out.back() != '\n') out += nl;
        out += nl;
    }
    return out + newlines_as(footer_text, nl) + nl;
}

// What a footed text/html part must decode to: `footer_html` on lines of its own before the
// last </body>, else </html>, else at the end.
inline std::string expected_html(const std::string& original, const std::string& footer_html) {
    std::string nl = original.find("\r\n") != std::string::npos ? "\r\n" : "\n";
    std::string folded = lower(original);
    std::size_t at = folded.rfind("</body");
    if (at == std::string::npos) at = folded.rfind("</html");
    if (at == std::string::npos) at = original.size();
    std::string block = (at > 0 && original[at - 1] != '\n' ? nl : "") + newlines_as(footer_html, nl) + nl;
    return original.substr(0, at) + block + original.substr(at);
}

// The longest line (without its line break) in `text`.
inline std::size_t longest_line(std::string_view text) {
    std::size_t longest = 0, start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::size_t length = end - start;
        if (length > 0 && text[end - 1] == '\r') --length;
        longest = std::max(longest, length);
        start = end + 1;
    }
    return longest;
}

}  // namespace chaperone::footer_test
