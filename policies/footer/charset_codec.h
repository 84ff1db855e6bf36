// Charset handling for the footer: can a part's declared charset carry the footer, and the
// footer's bytes in that charset.
//
// A part is footed "in place" only when its charset is ASCII-compatible (the bytes of
// "\r\n <>/-=" and letters and digits are the same as in ASCII, so newlines and </body> can be
// found and written as single bytes) and, for text/plain, when every footer character exists
// in it. Otherwise the caller converts the part to UTF-8. HTML never needs that: characters the
// charset lacks become numeric character references (&#8211;), which every HTML reader
// understands and which keep the part's <meta charset> truthful.
//
// An undeclared charset is us-ascii (RFC 2045). A charset iconv does not know is treated as
// ASCII-compatible but able to carry ASCII only.
//
// Thread-safety: describe_charset() keeps a small per-thread cache; everything else is pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chaperone::policies::footer {

struct CharsetInfo {
    std::string declared;     // as in the header ("" when absent)
    std::string iconv_name;   // what iconv calls it ("" when unknown)
    bool is_utf8 = false;
    bool is_ascii = false;    // us-ascii (also when undeclared)
    bool known = false;       // iconv can convert to it
    bool ascii_compatible = true;
};

CharsetInfo describe_charset(std::string_view declared);

bool is_ascii(std::string_view bytes);

// `utf8` in the charset, or nothing when some character does not exist there.
std::optional<std::string> encode_exact(std::string_view utf8, const CharsetInfo& charset);

// `utf8` in the charset, each character the charset lacks written as &#N; (for HTML).
std::string encode_with_html_references(std::string_view utf8, const CharsetInfo& charset);

}  // namespace chaperone::policies::footer
