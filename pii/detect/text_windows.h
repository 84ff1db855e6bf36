// Where to look: the byte ranges around digits that the structured detectors need.
//
// Dates, phone numbers, postcodes, street addresses, UPNs, ULNs, NHS and NI numbers all
// contain digits, and each family has a tell-tale run of them: identifiers have enough
// digits in joined groups (a phone number), dates a year, postcodes a digit right
// after a capital letter ("LE4"), street addresses a house number followed by a capitalised
// word ("14 Larch"). Running each family's pattern only around its own anchors keeps prose
// (where "Year 4" and "8.45am" are everywhere) nearly free; number-dense text (spreadsheets)
// degrades to one pass per family, where windows merge.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace chaperone::pii {

struct ByteRange {
    std::size_t start = 0;
    std::size_t end = 0;
    bool contains(std::size_t pos) const { return pos >= start && pos < end; }
    bool overlaps(std::size_t s, std::size_t e) const { return s < end && start < e; }
};

// Every maximal run of ASCII digits, in order.
std::vector<ByteRange> digit_runs(std::string_view text);

enum class WindowFamily {
    numbers,  // runs of 2+ digits in a number long enough for an identifier, or after two
              // capitals (an NI number), a few bytes either side ("+44 (0)", "AB 12 34 56 C")
    dates,    // runs that can be a year (4 digits, or 2 after / . - '), the day and month name before
    places,   // a digit after a capital letter (postcodes), a house number before a capitalised word
};

// How far a window edge moves outwards to reach whitespace, so no word is cut in two.
inline constexpr std::size_t kWindowSnap = 16;

// Windows of `family` around `runs` (from digit_runs(text)), widened to whitespace, merged.
std::vector<ByteRange> family_windows(std::string_view text, const std::vector<ByteRange>& runs, WindowFamily family);

// All three families' windows in one pass over the runs.
struct FamilyWindows {
    std::vector<ByteRange> numbers, dates, places;
};
FamilyWindows all_family_windows(std::string_view text, const std::vector<ByteRange>& runs);

}  // namespace chaperone::pii
