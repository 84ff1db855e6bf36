// The "numbers" family: one PCRE2 pass over the digit windows finds every number-shaped
// span that an identifier detector may claim: UPN-shaped (letter + 12), NINO-shaped
// (AB 12 34 56 C) and runs of digit groups (phone, NHS, ULN), with their grouping kept
// ("943 476 5919" is 3-3-4) so each detector can judge the shape it knows.
//
// Thread-safety: pure function; the pattern is compiled once and shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/detect/text_windows.h"

namespace chaperone::pii {

enum class NumberShape : std::uint8_t { digits, upn, nino };

struct DigitGroup {
    std::size_t start = 0;  // bytes in the text
    std::size_t end = 0;
    std::size_t length() const { return end - start; }
};

struct NumberCandidate {
    std::size_t start = 0;  // the whole span, prefix ("+44 (0)") included
    std::size_t end = 0;
    NumberShape shape = NumberShape::digits;
    std::string compact;               // digits only (digits shape; no +44), or upper-case "B801200005001"
    bool international = false;        // written with +44
    bool area_code_in_parens = false;  // "(0116) 496 0720"
    std::vector<DigitGroup> groups;    // digit groups as written (digits shape)
};

// Candidates in text order; `windows` from digit_windows().
std::vector<NumberCandidate> find_number_candidates(std::string_view text, const std::vector<ByteRange>& windows);

// The pattern compiles (for tests).
bool number_pattern_ok();

}  // namespace chaperone::pii
