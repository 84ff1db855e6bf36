// Is the footer already in the body? The "never twice" test.
//
// A message already carries the footer when the decoded text of one of its main-body text
// parts contains the footer's words: after a second pass through the milter, a re-submission,
// or a reply that quotes the footer. A marker header alone is not trusted (clients drop
// headers on reply and forward), so the text itself is compared, made comparable by
// comparison_text():
//   - HTML is reduced to its visible text (html_to_text.h);
//   - quote markers at the start of a line ("> ", ">> ") are dropped, so a quoted footer counts;
//   - every run of whitespace (space, tab, CR, LF, no-break space) becomes one space, and
//     leading and trailing whitespace goes, so re-wrapped or re-indented footers still match.
// The needles are the footer text and the visible text of the footer HTML, compared the same way.
// Speed: each needle keeps an anchor, its longest run of bytes that comparison_text() never
// changes (no whitespace, '>' or no-break space bytes). Such a run of the comparison form is a
// contiguous run of the original, so when the anchor is not in the visible text the footer
// cannot be either, and the body is not normalised at all: the common case costs one memmem.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chaperone::policies::footer {

// UTF-8 in, UTF-8 out, as described above.
std::string comparison_text(std::string_view utf8_text);

struct FooterNeedle {
    std::string comparable;  // comparison_text() of the footer form
    std::string anchor;      // its longest run comparison_text() leaves alone
    bool operator==(const FooterNeedle&) const = default;
};

// The comparison forms of the footer's text and of its HTML (without empties or duplicates).
std::vector<FooterNeedle> footer_needles(std::string_view text, std::string_view html);

// True when the visible text (UTF-8; for HTML after html_to_text) contains one of the needles
// once both are in comparison form.
bool contains_footer(std::string_view visible_text, const std::vector<FooterNeedle>& needles);

}  // namespace chaperone::policies::footer
