// UK postcode validation: the full format rules, not just the shape.
//
// Outward code A9 A99 AA9 AA99 A9A AA9A, inward code 9AA. The area (leading letters) must
// be one of the 121 postcode areas (plus BF, forces); letters are restricted by position as
// Royal Mail allocates them: first not QVX, second not IJZ, third (A9A) only ABCDEFGHJKPSTUW,
// fourth (AA9A) only ABEHMNPRVWXY, inward letters not CIKMOV. "GIR 0AA" is valid.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

// `compact` is upper case without spaces ("LE46XT").
bool is_valid_uk_postcode(std::string_view compact);
// "LE46XT" -> "LE4 6XT".
std::string format_uk_postcode(std::string_view compact);

}  // namespace chaperone::pii
