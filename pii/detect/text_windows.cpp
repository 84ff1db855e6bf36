// Digit runs and family windows; see text_windows.h.
#include "pii/detect/text_windows.h"

namespace chaperone::pii {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

// Margins per family: bytes before and after the anchoring run.
struct Margins {
    std::size_t before, after;
};
constexpr Margins kNumberMargins{8, 8};      // "+44 (0)" before, the next group after
constexpr Margins kDateMargins{24, 12};      // "3rd of September " before a year
constexpr Margins kPostcodeMargins{3, 5};    // "SW1A 1AA" around its first digit
constexpr Margins kAddressMargins{16, 64};   // "Flat 3, " before, "St Bartholomew's Crescent, Leicester" after

// A house number: not inside a word, followed by an optional letter, an optional comma,
// a space and a capital letter ("14 Larch", "22a, St Mary's").
bool is_house_number(std::string_view text, const ByteRange& run) {
    if (run.end - run.start > 4) return false;
    if (run.start > 0 && is_alnum(text[run.start - 1])) return false;
    std::size_t at = run.end;
    if (at < text.size() && is_alpha(text[at])) ++at;
    if (at < text.size() && text[at] == ',') ++at;
    if (at >= text.size() || text[at] != ' ') return false;
    while (at < text.size() && text[at] == ' ') ++at;
    return at < text.size() && is_upper(text[at]);
}

void add(std::vector<ByteRange>& windows, std::string_view text, const ByteRange& run, Margins m) {
    const std::size_t n = text.size();
    std::size_t start = run.start > m.before ? run.start - m.before : 0;
    std::size_t end = run.end + m.after < n ? run.end + m.after : n;
    for (std::size_t k = 0; k < kWindowSnap && start > 0 && !is_space(text[start - 1]); ++k) --start;
    for (std::size_t k = 0; k < kWindowSnap && end < n && !is_space(text[end]); ++k) ++end;
    if (!windows.empty() && start <= windows.back().end) {
        if (end > windows.back().end) windows.back().end = end;
    } else {
        windows.push_back({start, end});
    }
}

}  // namespace

std::vector<ByteRange> digit_runs(std::string_view text) {
    std::vector<ByteRange> runs;
    const std::size_t n = text.size();
    std::size_t pos = 0;
    while (pos < n) {
        while (pos < n && static_cast<unsigned char>(text[pos] - '0') > 9) ++pos;
        if (pos >= n) break;
        const std::size_t start = pos;
        while (pos < n && static_cast<unsigned char>(text[pos] - '0') <= 9) ++pos;
        runs.push_back({start, pos});
    }
    return runs;
}

FamilyWindows all_family_windows(std::string_view text, const std::vector<ByteRange>& runs) {
    FamilyWindows w;
    for (const ByteRange& run : runs) {
        if (run.end - run.start >= 2) {
            add(w.numbers, text, run, kNumberMargins);
            add(w.dates, text, run, kDateMargins);
        }
        if (run.start > 0 && is_upper(text[run.start - 1]) && run.end - run.start <= 2) {
            add(w.places, text, run, kPostcodeMargins);
        } else if (is_house_number(text, run)) {
            add(w.places, text, run, kAddressMargins);
        }
    }
    return w;
}

std::vector<ByteRange> family_windows(std::string_view text, const std::vector<ByteRange>& runs, WindowFamily family) {
    std::vector<ByteRange> windows;
    for (const ByteRange& run : runs) {
        const std::size_t length = run.end - run.start;
        switch (family) {
            case WindowFamily::numbers:
                if (length >= 2) add(windows, text, run, kNumberMargins);
                break;
            case WindowFamily::dates:
                if (length >= 2) add(windows, text, run, kDateMargins);
                break;
            case WindowFamily::places:
                if (run.start > 0 && is_upper(text[run.start - 1]) && length <= 2) {
                    add(windows, text, run, kPostcodeMargins);
                } else if (is_house_number(text, run)) {
                    add(windows, text, run, kAddressMargins);
                }
                break;
        }
    }
    return windows;
}

}  // namespace chaperone::pii
