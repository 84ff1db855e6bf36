// Digit runs and family windows; see text_windows.h.
#include "pii/detect/text_windows.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// A run that can be a date's year, by the date pattern (date_candidates.cpp): every date it
// reads holds one, as a whole run of digits. Four digits ("2025" in "31/01/2025",
// "14 March 2025", "2025-03-14"), or two after a separator or an apostrophe ("3.4.12",
// "May '14"); either way not followed by a letter or "_" (the pattern's (?![\w/]...)).
// Times, prices, counts and phone groups ("8.45am", "60 books", "07700 900123") are not
// years, and their date windows were most of the date pattern's work in prose. The window
// around the year still holds the whole date: the pattern reaches at most 6 bytes after
// a year, and a day and month name before one fit the 24 bytes before it.
bool can_be_year(std::string_view text, const ByteRange& run) {
    const std::size_t length = run.end - run.start;
    if (length != 4 && length != 2) return false;
    if (run.end < text.size() && (is_alpha(text[run.end]) || text[run.end] == '_')) return false;
    if (length == 4) return true;
    if (run.start == 0) return false;
    const char before = text[run.start - 1];
    return before == '/' || before == '.' || before == '-' || before == '\'';
}

// Digits an identifier needs: a phone number has 10 or 11 (9 written after +44), NHS
// numbers and ULNs 10, a UPN 11 in one run.
constexpr std::size_t kIdentifierDigits = 9;
// The most bytes between two digit groups of one number: "+44 (0) (0116)" has ") (".
constexpr std::size_t kMaxNumberGap = 3;

// For each run: can a number the identifier detectors use hold it? The number pattern
// (number_candidates.cpp) joins digit groups only across a few of " ()-" ("+44 (0)116",
// "943-476-5919"), so every candidate lies inside one chain of runs so joined. A chain with
// fewer than kIdentifierDigits digits can be none of phone, NHS, ULN or UPN, only an NI
// number, which starts with two capitals ("AB 12 34 56 C"). Dates, times, prices and
// counts ("31/01/2025", "8.45am", "60 books") are such chains, and were most of the
// number pattern's work in prose.
std::vector<char> number_anchors(std::string_view text, const std::vector<ByteRange>& runs) {
    std::vector<char> anchor(runs.size(), 0);
    auto joins = [&](const ByteRange& a, const ByteRange& b) {
        if (b.start - a.end > kMaxNumberGap) return false;
        for (std::size_t i = a.end; i < b.start; ++i) {
            const char c = text[i];
            if (c != ' ' && c != '(' && c != ')' && c != '-') return false;
        }
        return true;
    };
    for (std::size_t first = 0; first < runs.size();) {
        std::size_t last = first;
        std::size_t digits = runs[first].end - runs[first].start;
        while (last + 1 < runs.size() && joins(runs[last], runs[last + 1])) {
            ++last;
            digits += runs[last].end - runs[last].start;
        }
        std::size_t at = runs[first].start;
        if (at > 0 && text[at - 1] == ' ') --at;
        const bool nino_letters = at >= 2 && is_upper(text[at - 1]) && is_upper(text[at - 2]);
        if (digits >= kIdentifierDigits || nino_letters) {
            for (std::size_t k = first; k <= last; ++k) anchor[k] = 1;
        }
        first = last + 1;
    }
    return anchor;
}

void add(std::vector<ByteRange>& windows, std::string_view text, const ByteRange& run, Margins m) {
    const std::size_t n = text.size();
    std::size_t start = run.start > m.before ? run.start - m.before : 0;
    std::size_t end = run.end + m.after < n ? run.end + m.after : n;
    // Snapping only moves the start back: when it already reaches the last window, the two
    // merge whatever the snap would give, so skip it (digits come in clusters).
    const bool merges = !windows.empty() && start <= windows.back().end;
    if (!merges) {
        for (std::size_t k = 0; k < kWindowSnap && start > 0 && !is_space(text[start - 1]); ++k) --start;
    }
    for (std::size_t k = 0; k < kWindowSnap && end < n && !is_space(text[end]); ++k) ++end;
    if (merges || (!windows.empty() && start <= windows.back().end)) {
        if (end > windows.back().end) windows.back().end = end;
    } else {
        windows.push_back({start, end});
    }
}

// Bit i set when bytes[i] is an ASCII digit, for the `len` (<= 64) bytes at `bytes`:
// 64 bytes per step instead of a branch per byte (digit runs are short and everywhere).
std::uint64_t digit_mask64(const unsigned char* bytes, std::size_t len) {
    unsigned char tail[64];
    if (len < 64) {
        std::memset(tail, 0, sizeof tail);  // NUL: not a digit
        std::memcpy(tail, bytes, len);
        bytes = tail;
    }
    std::uint64_t mask = 0;
#if defined(__SSE2__)
    for (std::size_t k = 0; k < 64; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + k));
        // '0'..'9' shifted to -128..-119: one signed compare tests both ends.
        const __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - '0')));
        const int bits = _mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + 10))));
        mask |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(bits)) << k;
    }
#else
    for (std::size_t k = 0; k < 64; ++k) mask |= static_cast<std::uint64_t>(static_cast<unsigned>(bytes[k] - '0') < 10u) << k;
#endif
    return mask;
}

}  // namespace

std::vector<ByteRange> digit_runs(std::string_view text) {
    std::vector<ByteRange> runs;
    const std::size_t n = text.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    bool in_run = false;
    std::size_t run_start = 0;
    std::uint64_t previous_last = 0;  // bit 0: the byte before this block is a digit
    for (std::size_t base = 0; base < n; base += 64) {
        const std::uint64_t digits = digit_mask64(bytes + base, std::min<std::size_t>(64, n - base));
        // Bits where a run starts (a digit after a non-digit) or ends (a non-digit after a digit).
        const std::uint64_t shifted = (digits << 1) | previous_last;
        std::uint64_t edges = (digits & ~shifted) | (~digits & shifted);
        previous_last = digits >> 63;
        while (edges) {
            const std::size_t at = base + static_cast<std::size_t>(std::countr_zero(edges));
            if (in_run) {
                runs.push_back({run_start, at});
            } else {
                run_start = at;
            }
            in_run = !in_run;
            edges &= edges - 1;
        }
    }
    if (in_run) runs.push_back({run_start, n});
    return runs;
}

FamilyWindows all_family_windows(std::string_view text, const std::vector<ByteRange>& runs) {
    FamilyWindows w;
    const std::vector<char> number_anchor = number_anchors(text, runs);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const ByteRange& run = runs[i];
        if (run.end - run.start >= 2 && number_anchor[i]) add(w.numbers, text, run, kNumberMargins);
        if (can_be_year(text, run)) add(w.dates, text, run, kDateMargins);
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
    const std::vector<char> number_anchor = family == WindowFamily::numbers ? number_anchors(text, runs) : std::vector<char>{};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const ByteRange& run = runs[i];
        const std::size_t length = run.end - run.start;
        switch (family) {
            case WindowFamily::numbers:
                if (length >= 2 && number_anchor[i]) add(windows, text, run, kNumberMargins);
                break;
            case WindowFamily::dates:
                if (can_be_year(text, run)) add(windows, text, run, kDateMargins);
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
