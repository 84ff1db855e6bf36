// Folding of text for name matching: ASCII lower case, Latin diacritics removed, so that
// "Dupré", "DUPRE" and "dupre" compare equal, and "Żaneta" matches "Zaneta".
//
// Use: fold_code_point() for one decoded character, fold_text() for a whole string (both
// sides of a comparison must be folded the same way). decode_utf8() reads one code point
// and never fails: an invalid byte is returned as U+FFFD with length 1, so a scan always
// advances.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::pii {

struct DecodedChar {
    char32_t code_point = 0;
    std::size_t length = 1;  // bytes consumed, 1..4
};

// Reads the code point starting at text[pos] (pos < text.size()).
DecodedChar decode_utf8(std::string_view text, std::size_t pos);

// Appends the folded form of `cp` to `out` when it is a letter or digit we fold (ASCII
// alphanumerics, Latin-1 and Latin Extended-A letters) and returns true; returns false for
// anything else (punctuation, spaces, symbols), appending nothing. Letters of other scripts
// (Greek, Cyrillic, Arabic, CJK...) are appended as their UTF-8 bytes unchanged and count as
// letters.
bool fold_code_point(char32_t cp, std::string& out);

// True when `cp` is an upper-case letter (ASCII, Latin-1, Latin Extended-A).
bool is_upper_letter(char32_t cp);

// Letters and digits folded, every run of anything else collapsed to one space, trimmed.
// "  Anne-Marie  DUPRÉ " -> "anne marie dupre".
std::string fold_text(std::string_view text);

}  // namespace chaperone::pii
