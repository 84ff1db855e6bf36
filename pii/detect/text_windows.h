// Where to look: the byte ranges around digits that every structured detector needs.
//
// Dates, phone numbers, postcodes, street addresses, UPNs, ULNs, NHS and NI numbers all
// contain digits. Running their patterns over the whole text would cost each pattern a full
// pass (PCRE2 JIT ran month-name dates at 127 MB/s over prose); running them only around
// digits costs a fraction of that on prose and degrades to one pass on number-dense text
// (spreadsheets), where windows merge.
//
// Thread-safety: pure function.
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

// Bytes of context kept before and after each run of digits. Before: "September 3rd"
// puts the month name ten bytes ahead of the digit, "+44 (0)" six. After: a house number
// precedes a street name and type ("14 St Bartholomew's Crescent", 30 bytes).
inline constexpr std::size_t kWindowBefore = 40;
inline constexpr std::size_t kWindowAfter = 64;
// How far a window edge moves outwards to reach whitespace, so no word is cut in two.
inline constexpr std::size_t kWindowSnap = 32;

// Ranges around every digit in `text`, widened to whitespace, merged, in order.
std::vector<ByteRange> digit_windows(std::string_view text);

}  // namespace chaperone::pii
