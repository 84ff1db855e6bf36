// The "dates" family: one PCRE2 pass over the digit windows finds every date written in a
// common UK form and reads it as a calendar date:
//   03/04/2012  3.4.12  03-04-2012  2012-04-03  3rd April 2012  3 Apr 2012  3rd of April 2012
//   April 3rd, 2012  Apr 3 2012
// Numeric dates are day first (UK). Impossible dates (31/02/2012) are dropped here.
//
// Thread-safety: pure function; the pattern is compiled once and shared.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pii/detect/civil_date.h"
#include "pii/detect/text_windows.h"

namespace chaperone::pii {

enum class DateStyle : std::uint8_t {
    numeric,             // 03/04/2012, 03-04-2012, 3.4.2012
    numeric_short_year,  // 03/04/12, 3.4.12 (also version numbers: weaker evidence)
    iso,                 // 2012-04-03
    month_name,          // 3rd April 2012, April 3rd, 2012
};

struct DateCandidate {
    std::size_t start = 0;
    std::size_t end = 0;
    CivilDate date;
    DateStyle style = DateStyle::numeric;
    char separator = ' ';  // '/', '.', '-' for numeric and ISO dates
};

std::vector<DateCandidate> find_date_candidates(std::string_view text, const std::vector<ByteRange>& windows,
                                                const CivilDate& today);

bool date_pattern_ok();

}  // namespace chaperone::pii
