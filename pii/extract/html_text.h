// HTML (a text/html part or an .html attachment, already UTF-8) to plain text as a reader
// sees it.
//
// Tags, comments and <script>/<style>/<title>/<template> content are dropped; character
// references are decoded (named, decimal, hex; 0x80-0x9F as windows-1252, as browsers do);
// runs of whitespace collapse to one space outside <pre>; block elements end lines (<div>,
// <li>, <tr>, headings) and paragraphs leave an empty line (<p>, <table>, lists); <br> is a
// line break; table cells in a row are separated by tabs, like spreadsheet rows.
// Non-breaking spaces become spaces and invisible characters (soft hyphen, zero-width
// space/joiners, BOM) are removed, so "Oliver&shy;Bennett" reads "OliverBennett" and
// "Oliver&nbsp;Bennett" reads "Oliver Bennett".
//
// Bounded: linear in the input; output stops at `max_bytes`. Never fails: malformed markup
// is read the way a lenient browser would (an unclosed comment or <script> hides the rest).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::pii {

std::string html_to_text(std::string_view html, std::uint64_t max_bytes);

// The charset named by <meta charset=...> or <meta http-equiv content="...; charset=...">
// in the first 1024 bytes, lower-case; empty when there is none.
std::string html_meta_charset(std::string_view html);

}  // namespace chaperone::pii
