// Inserting the HTML footer into the decoded text of a text/html part.
//
// The footer goes immediately before the last "</body" (ASCII case-insensitive); without a
// </body>, before the last "</html"; without either, at the end. It is put on lines of its own
// ("\n<footer>\n" in the part's newline style, the first newline only when the text before it
// does not already end one), so the HTML around it is untouched. The footer markup is
// inserted as given: its look (spacing, a rule above it) is the school's to style.
//
// Works on bytes of an ASCII-compatible charset; pure function.
#pragma once

#include <string>
#include <string_view>

#include "policies/footer/text_footer.h"

namespace chaperone::policies::footer {

// Inserts `footer` (in the part's charset, LF newlines) into `html`.
void insert_html_footer(std::string& html, std::string_view footer, Newline style);

// Offset of the last "</name" in `html` followed by '>', whitespace or the end; npos if none.
std::size_t find_last_closing_tag(std::string_view html, std::string_view name);

}  // namespace chaperone::policies::footer
