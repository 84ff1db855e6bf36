// The footer in the forms the engine uses, made once per call from the configured FooterText:
// both forms present (an empty html is the escaped text in a <div class="chaperone-disclaimer">
// with <br> line breaks; an empty text is the html's visible text, one line per
// block), LF newlines, no trailing
// newlines, and the needles that footer_presence.h compares against.
//
// Thread-safety: pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policies/footer/footer_presence.h"

namespace chaperone::policies::footer {

struct PreparedFooter {
    std::string text;                  // UTF-8, LF newlines, no trailing newline
    std::string html;                  // UTF-8, LF newlines, no trailing newline
    std::vector<FooterNeedle> needles;  // comparison forms of text and html
    bool empty() const { return needles.empty(); }
};

PreparedFooter prepare_footer(std::string_view text, std::string_view html);

// &, <, > and " escaped; LF becomes "<br>\n".
std::string html_escape_lines(std::string_view text);

}  // namespace chaperone::policies::footer
