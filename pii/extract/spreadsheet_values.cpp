// Spreadsheet value formatting; see spreadsheet_values.h.
#include "pii/extract/spreadsheet_values.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace chaperone::pii {
namespace {

// Days since 1970-01-01 to a civil date (proleptic Gregorian), after H. Hinnant's algorithm.
void civil_from_days(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long yy = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yy + (m <= 2));
}

constexpr long long kDays1899_12_30 = -25569;  // days from 1970-01-01 back to 1899-12-30
constexpr long long kDays1904_01_01 = -24107;

std::string clock_text(double fraction) {
    long long seconds = std::llround(fraction * 86400.0);
    if (seconds >= 86400) seconds = 86399;
    return fmt::format("{:02}:{:02}", seconds / 3600, (seconds / 60) % 60);
}

}  // namespace

DateKind date_kind_of_format(int id, std::string_view code) {
    // Built-in formats (ECMA-376 18.8.30, and the locale-dependent East Asian date ids).
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) {
        return DateKind::date;
    }
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47)) return DateKind::time;
    if (id == 22) return DateKind::datetime;
    if (id < 164 || code.empty()) return DateKind::none;
    bool has_date = false, has_time = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') {  // literal text
            std::size_t end = code.find('"', i + 1);
            if (end == std::string_view::npos) break;
            i = end;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // escaped or padding character
        } else if (c == '[') {
            std::size_t end = code.find(']', i + 1);
            if (end == std::string_view::npos) break;
            std::string_view inside = code.substr(i + 1, end - i - 1);
            if (inside == "h" || inside == "hh" || inside == "m" || inside == "mm" || inside == "s" || inside == "ss") {
                has_time = true;  // elapsed time
            }
            i = end;
        } else if (c == ';') {
            break;  // only the first section decides
        } else {
            char l = static_cast<char>(c | 0x20);
            if (l == 'd' || l == 'y') has_date = true;
            if (l == 'h' || l == 's') has_time = true;
            if (l == 'm' && !has_time) {
                // "m" alone is a month next to d/y and minutes next to h/s; undecided, it counts as month.
                has_date = true;
            }
        }
    }
    if (has_date && has_time) return DateKind::datetime;
    if (has_date) return DateKind::date;
    if (has_time) return DateKind::time;
    return DateKind::none;
}

std::string format_serial_date(double serial, bool date1904, DateKind kind) {
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0) return {};
    double whole = std::floor(serial);
    double fraction = serial - whole;
    if (kind == DateKind::time) return clock_text(fraction);
    long long day = static_cast<long long>(whole);
    std::string date;
    if (date1904) {
        int y, m, d;
        civil_from_days(kDays1904_01_01 + day, y, m, d);
        date = fmt::format("{:02}/{:02}/{:04}", d, m, y);
    } else if (day == 60) {
        date = "29/02/1900";  // the day Lotus 1-2-3 invented and Excel kept
    } else if (day == 0) {
        date = "00/01/1900";
    } else {
        int y, m, d;
        civil_from_days(kDays1899_12_30 + (day < 60 ? day + 1 : day), y, m, d);
        date = fmt::format("{:02}/{:02}/{:04}", d, m, y);
    }
    if (kind == DateKind::datetime && fraction > 0) date += " " + clock_text(fraction);
    return date;
}

std::string format_iso_date(std::string_view iso) {
    auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > iso.size()) return false;
        for (std::size_t k = at; k < at + n; ++k) {
            if (iso[k] < '0' || iso[k] > '9') return false;
        }
        return true;
    };
    if (!digits(0, 4) || iso.size() < 10 || iso[4] != '-' || !digits(5, 2) || iso[7] != '-' || !digits(8, 2)) return {};
    std::string out = fmt::format("{}/{}/{}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
    if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ') && digits(11, 2) && iso[13] == ':' && digits(14, 2)) {
        std::string_view hhmm = iso.substr(11, 5);
        if (hhmm != "00:00") out += fmt::format(" {}", hhmm);
    }
    return out;
}

std::string tidy_number(std::string_view stored) {
    if (stored.find_first_of("eE") == std::string_view::npos) return std::string(stored);
    std::string copy(stored);
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() || !std::isfinite(value)) return copy;
    double rounded = std::round(value);
    if (std::fabs(value) < 1e15 && std::fabs(value - rounded) < 1e-6 * std::max(1.0, std::fabs(value))) {
        return fmt::format("{}", static_cast<long long>(rounded));
    }
    return fmt::format("{}", value);
}

}  // namespace chaperone::pii
