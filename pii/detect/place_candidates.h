// The "places" family: one PCRE2 pass over the digit windows finds postcode-shaped spans
// (validated against the full UK format rules) and street addresses: a house number, one
// to four capitalised words and a street type ("14 Larch Close", "Flat 2, 7 Mill Road",
// "22a St Mary's Road, Leicester").
//
// Thread-safety: pure function; the pattern is compiled once and shared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pii/detect/text_windows.h"

namespace chaperone::pii {

struct PostcodeCandidate {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string compact;  // "LE46XT"
};

struct StreetCandidate {
    std::size_t start = 0;         // the flat prefix or the house number
    std::size_t end = 0;           // after the street type (or the town, when one follows a comma)
    std::size_t number_start = 0;  // the house number
    std::size_t street_start = 0;  // the first word of the street name
    std::size_t street_end = 0;    // after the street type
};

struct PlaceCandidates {
    std::vector<PostcodeCandidate> postcodes;
    std::vector<StreetCandidate> streets;
};

PlaceCandidates find_place_candidates(std::string_view text, const std::vector<ByteRange>& windows);

// Postcodes anywhere in a short text (the school's own address), compact form.
std::vector<std::string> postcodes_in(std::string_view text);

bool place_pattern_ok();

}  // namespace chaperone::pii
