// Appending the text footer to the decoded text of a text/plain part.
//
// Layout (the separator is a blank line, not "-- ": the sender's own signature usually owns
// "-- ", and clients hide everything after the first one):
//   <original text, unchanged>[newline, only if it did not end with one]
//   <blank line>
//   <footer lines>
//   <newline>
// An empty part becomes just "<footer lines><newline>". Newlines are the part's own style:
// CRLF when the decoded text already uses CRLF (typical of base64 bodies), else LF.
// For format=flowed parts the footer lines are made flowed-safe first (make_flowed_safe).
//
// Everything here works on bytes of an ASCII-compatible charset; pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::policies::footer {

enum class Newline { lf, crlf };

// CRLF if the text contains any CRLF, else LF.
Newline detect_newline(std::string_view text);

// `lf_text` (LF newlines) with each LF written in `style`.
std::string with_newlines(std::string_view lf_text, Newline style);

// RFC 3676: no trailing spaces (they would join the next line) and a space before lines that
// start with a space, ">" or "From ".
std::string make_flowed_safe(std::string_view lf_text);

// Appends `footer` (in the part's charset, LF newlines, no trailing newline) to `text`.
void append_text_footer(std::string& text, std::string_view footer, Newline style);

}  // namespace chaperone::policies::footer
