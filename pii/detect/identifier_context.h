// Context that turns a checksum-valid number into a finding, or rules it out.
//
// A checksum alone is weak evidence (about 9% of random 10-digit numbers pass the NHS
// check), so identifier detectors ask:
// - keyword context: "NHS no." before it (same paragraph), "(UPN)" right after it, or a
//   table column headed "NHS number" above it (CSV/TSV text, spreadsheets);
// - a person's name on the same line, close by (from the person-name findings);
// - reference context: "order", "invoice", "ref", "booking" ... just before it: an order
//   number that happens to pass a checksum is a hard negative.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "pii/detect/context_words.h"
#include "pii/finding.h"

namespace chaperone::pii {

// How far before an identifier its keyword may stand ("NHS number: 943 476 5919").
inline constexpr std::size_t kKeywordBefore = 48;
// How far after ("943 476 5919 (NHS)").
inline constexpr std::size_t kKeywordAfter = 16;
// How far a name may be from an identifier on the same line.
inline constexpr std::size_t kNameNearbyBytes = 80;
// Lines looked back for a table header.
inline constexpr std::size_t kMaxHeaderLookbackLines = 500;

// Order, invoice, booking, reference, case and ticket numbers.
bool has_reference_context(std::string_view text, std::size_t start);
bool has_keyword_context(std::string_view text, std::size_t start, std::size_t end, WordList keywords);
// The cell above `pos` in the first row of its table (same delimiter, no blank line between)
// holds one of `keywords`.
bool column_header_has(std::string_view text, std::size_t pos, WordList keywords);
// A person_name finding on the same line within kNameNearbyBytes; nullptr when none.
// `names` must be sorted by start.
const Finding* name_nearby(const std::vector<Finding>& names, std::string_view text, std::size_t start,
                           std::size_t end);

}  // namespace chaperone::pii
