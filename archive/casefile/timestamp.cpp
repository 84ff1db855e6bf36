// Timestamp formatting and parsing; see timestamp.h.
#include "archive/casefile/timestamp.h"

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <ctime>

#include "pii/mime/gmime_ptr.h"

namespace chaperone::archive {
namespace {

struct Civil {
    int year, month, day, hour, minute, second;
};

// Howard Hinnant's civil-from-days, the inverse of days_from_civil.
Civil civil_from_unix(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    days += 719468;
    std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    auto doe = static_cast<unsigned>(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    auto y = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d), static_cast<int>(rem / 3600),
                 static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60)};
}

Civil local_civil(const Timestamp& t) { return civil_from_unix(t.unix_seconds + t.offset_minutes * 60LL); }

std::string offset_text(int minutes) {
    char sign = minutes < 0 ? '-' : '+';
    int m = minutes < 0 ? -minutes : minutes;
    return fmt::format("{}{:02}:{:02}", sign, m / 60, m % 60);
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

}  // namespace

bool valid_civil_date(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= max;
}

std::int64_t days_from_civil(int year, int month, int day) {
    std::int64_t y = year - (month <= 2);
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(day) - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Timestamp now_utc() { return Timestamp{static_cast<std::int64_t>(std::time(nullptr)), 0}; }

std::string format_iso8601(const Timestamp& t) {
    Civil c = local_civil(t);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", c.year, c.month, c.day, c.hour, c.minute, c.second,
                       offset_text(t.offset_minutes));
}

std::string format_human(const Timestamp& t) {
    Civil c = local_civil(t);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} {}", c.year, c.month, c.day, c.hour, c.minute,
                       offset_text(t.offset_minutes));
}

std::string format_asctime_utc(const Timestamp& t) {
    static const char* kDay[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
    static const char* kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Civil c = civil_from_unix(t.unix_seconds);
    std::int64_t days = t.unix_seconds / 86400 - (t.unix_seconds % 86400 < 0 ? 1 : 0);
    int weekday = static_cast<int>(((days % 7) + 7) % 7);
    return fmt::format("{} {} {:2} {:02}:{:02}:{:02} {}", kDay[weekday], kMonth[c.month - 1], c.day, c.hour, c.minute,
                       c.second, c.year);
}

std::string format_compact(const Timestamp& t) {
    Civil c = local_civil(t);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

std::string format_date(const Timestamp& t) {
    Civil c = local_civil(t);
    return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<Timestamp> parse_iso8601(std::string_view s) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset = 0;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!parse_int(s.substr(0, 4), year) || !parse_int(s.substr(5, 2), month) || !parse_int(s.substr(8, 2), day)) {
        return std::nullopt;
    }
    if (!valid_civil_date(year, month, day)) return std::nullopt;
    std::string_view rest = s.substr(10);
    if (!rest.empty()) {
        if ((rest[0] != 'T' && rest[0] != ' ') || rest.size() < 6 || rest[3] != ':') return std::nullopt;
        if (!parse_int(rest.substr(1, 2), hour) || !parse_int(rest.substr(4, 2), minute)) return std::nullopt;
        rest.remove_prefix(6);
        if (!rest.empty() && rest[0] == ':') {
            if (rest.size() < 3 || !parse_int(rest.substr(1, 2), second)) return std::nullopt;
            rest.remove_prefix(3);
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        if (rest == "Z" || rest.empty()) {
            offset = 0;
        } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':') {
            int oh = 0, om = 0;
            if (!parse_int(rest.substr(1, 2), oh) || !parse_int(rest.substr(4, 2), om) || oh > 23 || om > 59) {
                return std::nullopt;
            }
            offset = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    std::int64_t local = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    return Timestamp{local - offset * 60LL, offset};
}

std::optional<Timestamp> parse_rfc5322_date(std::string_view header_value) {
    if (header_value.empty() || header_value.size() > 256) return std::nullopt;
    pii::ensure_gmime();
    std::string owned(header_value);
    GDateTime* date = g_mime_utils_header_decode_date(owned.c_str());
    if (!date) return std::nullopt;
    Timestamp t{g_date_time_to_unix(date), static_cast<int>(g_date_time_get_utc_offset(date) / G_TIME_SPAN_MINUTE)};
    g_date_time_unref(date);
    return t;
}

Timestamp sent_time_from_header(std::string_view date_header, const Timestamp& recorded_at) {
    auto parsed = parse_rfc5322_date(date_header);
    if (!parsed) return recorded_at;
    std::int64_t delta = parsed->unix_seconds - recorded_at.unix_seconds;
    if (delta > kMaxDateFutureSkew || -delta > kMaxDateAge) return recorded_at;
    return *parsed;
}

}  // namespace chaperone::archive
