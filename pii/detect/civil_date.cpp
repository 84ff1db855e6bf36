// Calendar helpers; see civil_date.h.
#include "pii/detect/civil_date.h"

#include <ctime>

namespace chaperone::pii {

bool CivilDate::valid() const {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= days;
}

CivilDate today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int age_in_years(const CivilDate& born, const CivilDate& on) {
    int age = on.year - born.year;
    if (on.month < born.month || (on.month == born.month && on.day < born.day)) --age;
    return age;
}

int expand_two_digit_year(int yy, const CivilDate& today) {
    const int century = today.year / 100 * 100;
    const int year = century + yy;
    return year > today.year ? year - 100 : year;
}

}  // namespace chaperone::pii
