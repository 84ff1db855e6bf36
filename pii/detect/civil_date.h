// A calendar date without time or zone, for DOB checks: validity, today, age in years.
//
// Thread-safety: plain values; today_utc() reads the clock.
#pragma once

namespace chaperone::pii {

struct CivilDate {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31

    bool valid() const;
    bool operator==(const CivilDate&) const = default;
    auto operator<=>(const CivilDate&) const = default;
};

CivilDate today_utc();
// Whole years from `born` to `on` (negative when born is later).
int age_in_years(const CivilDate& born, const CivilDate& on);
// A two-digit year read as the most recent year not after `today` ("12" -> 2012, "98" -> 1998).
int expand_two_digit_year(int yy, const CivilDate& today);

}  // namespace chaperone::pii
