// The visible text of an HTML body, for comparing it with the footer's words.
//
// Not a renderer: tags are dropped (block-level ones become a newline so words on either
// side stay apart), comments and the contents of <style>, <script> and <title> are skipped
// (an unclosed one is read as text, so nothing after a broken tag disappears), and character references (&pound; &#163; &#xA3;, the Latin-1 names and common
// typographic ones) are decoded to UTF-8. An unknown reference is kept as written, which still
// compares equal when the footer uses the same one.
//
// Input and output are UTF-8. Pure function, linear in the input.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::policies::footer {

std::string html_to_text(std::string_view html);

// Appends the UTF-8 encoding of `code_point` (U+FFFD for invalid ones).
void append_utf8(std::string& out, unsigned long code_point);

}  // namespace chaperone::policies::footer
