// Date candidates; see date_candidates.h.
#include "pii/detect/date_candidates.h"

#include <string>

#include "pii/detect/pcre_pattern.h"

namespace chaperone::pii {
namespace {

#define CHAPERONE_MONTHS \
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"

constexpr const char* kDatePattern =
    R"((?<![\w/\-])(?<!\d\.)(?:)"
    R"((?<d1>\d{1,2})(?<s1>[/.\-])(?<m1>\d{1,2})\k<s1>(?<y1>\d{4}|\d{2}))"
    R"(|(?<y2>(?:19|20)\d{2})(?<s2>[\-/.])(?<m2>\d{1,2})\k<s2>(?<d2>\d{1,2}))"
    R"(|(?<d3>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?(?<mon3>)" CHAPERONE_MONTHS R"()\b\.?,?\s+(?<y3>\d{4}|'\d{2}))"
    R"(|(?<mon4>)" CHAPERONE_MONTHS R"()\b\.?\s+(?<d4>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y4>\d{4}))"
    R"()(?![\w/]|[.\-]\d))";

#undef CHAPERONE_MONTHS

const PcrePattern& date_pattern() {
    static const PcrePattern pattern(kDatePattern, PcrePattern::kCaseless);
    return pattern;
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) {
        if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
    }
    return v;
}

int month_number(std::string_view name) {
    static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string head;
    for (std::size_t i = 0; i < 3 && i < name.size(); ++i) head.push_back(static_cast<char>(name[i] | 0x20));
    for (int i = 0; i < 12; ++i) {
        if (kMonths[i] == head) return i + 1;
    }
    return 0;
}

// What the pattern's final (?![\w/]|[.\-]\d) rejects at text[at].
bool continues_date(std::string_view text, std::size_t at) {
    if (at >= text.size()) return false;
    const char c = text[at];
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (word || c == '/') return true;
    return (c == '.' || c == '-') && at + 1 < text.size() && text[at + 1] >= '0' && text[at + 1] <= '9';
}

}  // namespace

bool date_pattern_ok() { return date_pattern().ok(); }

std::vector<DateCandidate> find_date_candidates(std::string_view text, const std::vector<ByteRange>& windows,
                                                const CivilDate& today) {
    const PcrePattern& re = date_pattern();
    static const int d1 = re.group_number("d1"), m1 = re.group_number("m1"), y1 = re.group_number("y1");
    static const int s1 = re.group_number("s1");
    static const int d2 = re.group_number("d2"), m2 = re.group_number("m2"), y2 = re.group_number("y2");
    static const int d3 = re.group_number("d3"), mon3 = re.group_number("mon3"), y3 = re.group_number("y3");
    static const int d4 = re.group_number("d4"), mon4 = re.group_number("mon4"), y4 = re.group_number("y4");
    std::vector<DateCandidate> out;
    for (const ByteRange& w : windows) {
        re.for_each(text, w.start, w.end, [&](const PcreMatch& m) {
            // The pattern sees the window's end as the text's: a match ending there (a
            // window cut short of whitespace) must pass its final lookahead on the text.
            if (m.end() == w.end && continues_date(text, w.end)) return true;
            DateCandidate c;
            c.start = m.start();
            c.end = m.end();
            std::string_view year_text;
            if (m.matched(d1)) {
                c.date = {0, to_int(m.group(m1)), to_int(m.group(d1))};
                year_text = m.group(y1);
                c.style = year_text.size() == 2 ? DateStyle::numeric_short_year : DateStyle::numeric;
                c.separator = m.group(s1).front();
            } else if (m.matched(y2)) {
                c.date = {0, to_int(m.group(m2)), to_int(m.group(d2))};
                year_text = m.group(y2);
                c.style = DateStyle::iso;
                c.separator = text[m.end(y2)];
            } else if (m.matched(d3)) {
                c.date = {0, month_number(m.group(mon3)), to_int(m.group(d3))};
                year_text = m.group(y3);
                c.style = DateStyle::month_name;
            } else {
                c.date = {0, month_number(m.group(mon4)), to_int(m.group(d4))};
                year_text = m.group(y4);
                c.style = DateStyle::month_name;
            }
            const int year = to_int(year_text);
            const std::size_t year_digits = year_text.size() - (year_text.front() == '\'' ? 1 : 0);
            c.date.year = year_digits == 2 ? expand_two_digit_year(year, today) : year;
            if (c.date.valid()) out.push_back(c);
            return true;
        });
    }
    return out;
}

}  // namespace chaperone::pii
