// Points in time as the case file shows them: an instant plus the UTC offset it was written
// with, so "sent 09:12 +01:00" prints as the sender's clock said.
//
// parse_rfc5322_date() reads a Date: header (through GMime, which copes with the usual
// malformations); sent_time_from_header() applies the sanity window: a Date: header more
// than kMaxDateFutureSkew ahead of, or kMaxDateAge behind, the time of recording is not
// believed, and the recording time is used instead.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chaperone::archive {

struct Timestamp {
    std::int64_t unix_seconds = 0;
    int offset_minutes = 0;  // east of UTC
    bool operator==(const Timestamp&) const = default;
};

constexpr std::int64_t kMaxDateFutureSkew = 24 * 3600;
constexpr std::int64_t kMaxDateAge = 30 * 24 * 3600;

Timestamp now_utc();
// "2024-03-05T09:12:00+01:00"
std::string format_iso8601(const Timestamp& t);
// "2024-03-05 09:12 +01:00", for people
std::string format_human(const Timestamp& t);
// "Tue Mar  5 08:12:00 2024" in UTC, for mbox From_ lines
std::string format_asctime_utc(const Timestamp& t);
// "20240305T091200" in the sender's offset, for file names
std::string format_compact(const Timestamp& t);
// "YYYY-MM-DD" of the instant in its own offset
std::string format_date(const Timestamp& t);

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM[:SS]" with "Z" or "+HH:MM" (no
// zone: UTC). nullopt on anything else or an impossible date.
std::optional<Timestamp> parse_iso8601(std::string_view text);
std::optional<Timestamp> parse_rfc5322_date(std::string_view header_value);
Timestamp sent_time_from_header(std::string_view date_header, const Timestamp& recorded_at);

// Calendar helpers (proleptic Gregorian).
bool valid_civil_date(int year, int month, int day);
std::int64_t days_from_civil(int year, int month, int day);

}  // namespace chaperone::archive
