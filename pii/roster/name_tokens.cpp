// Tokenizer for name matching; see name_tokens.h.
//
// Speed matters here: every byte of every scanned text passes through this loop once, so
// ASCII takes a table-driven fast path and only bytes >= 0x80 are decoded.
#include "pii/roster/name_tokens.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

enum ByteClass : std::uint8_t { kSep = 0, kLower, kUpper, kDigit, kHigh };

constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> c{};
    for (int i = 'a'; i <= 'z'; ++i) c[i] = kLower;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = kUpper;
    for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
    for (int i = 0x80; i < 0x100; ++i) c[i] = kHigh;
    return c;
}
constexpr std::array<std::uint8_t, 256> kClass = make_classes();

// Per-byte counters for the ASCII word loop, summed without branches: letters in bits 0-20,
// upper case in bits 21-41, digits in bits 42-62 (no carry below 2 MiB runs; longer runs are
// marked mixed). Zero for anything that ends an ASCII word.
constexpr std::uint64_t kLetter = 1, kUpperInc = 1ull << 21, kDigitInc = 1ull << 42;
constexpr std::uint64_t kCountMask = (1ull << 21) - 1;
constexpr std::array<std::uint64_t, 256> make_increments() {
    std::array<std::uint64_t, 256> c{};
    for (int i = 'a'; i <= 'z'; ++i) c[i] = kLetter;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = kLetter | kUpperInc;
    for (int i = '0'; i <= '9'; ++i) c[i] = kDigitInc;
    return c;
}
constexpr std::array<std::uint64_t, 256> kIncrement = make_increments();

// Tallies the separator characters between two tokens.
struct GapTally {
    std::uint32_t newlines = 0, spaces = 0, commas = 0, hyphens = 0, apostrophes = 0, periods = 0, others = 0;
    void reset() { *this = GapTally{}; }
    void add(char32_t cp) {
        switch (cp) {
            case '\n': ++newlines; break;
            case ' ': case '\t': case '\r': case 0xA0: case 0x2007: case 0x202F: case 0x200B: ++spaces; break;
            case ',': ++commas; break;
            case '-': case 0x2010: case 0x2011: case 0x2013: ++hyphens; break;
            case '\'': case 0x2019: case 0x2018: case '`': case 0xB4: case 0x2BC: ++apostrophes; break;
            case '.': ++periods; break;
            default: ++others; break;
        }
    }
    Gap classify(bool first) const {
        if (first) return Gap::start;
        if (others) return Gap::other;
        const std::uint32_t punct = commas + hyphens + apostrophes + periods;
        if (punct == 0) {
            if (newlines >= 2 || spaces + newlines > 40) return Gap::paragraph;
            return newlines == 1 ? Gap::newline : Gap::space;
        }
        if (punct > 1 || newlines > 1) return Gap::other;
        if (hyphens) return spaces + newlines == 0 ? Gap::hyphen : Gap::other;
        if (apostrophes) return spaces + newlines == 0 ? Gap::apostrophe : Gap::other;
        if (commas) return Gap::comma;
        return Gap::period;
    }
};

}  // namespace

// `limit`: how far bytes may be read (the end of the buffer holding `folded`); reading a
// whole word past the token's end and masking is cheaper than assembling the tail bytewise.
inline std::uint64_t hash_words(std::string_view folded, const char* limit) {
    // Eight bytes at a time, each word mixed with a multiply-xorshift: a chain of one multiply
    // per word instead of one per byte (names are short; this runs once per word of text).
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ folded.size();
    std::size_t i = 0;
    for (; i + 8 <= folded.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, folded.data() + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    if (i < folded.size()) {
        const std::size_t tail = folded.size() - i;
        std::uint64_t w = 0;
        if (std::endian::native == std::endian::little && folded.data() + i + 8 <= limit) {
            std::memcpy(&w, folded.data() + i, 8);
            w &= (1ull << (8 * tail)) - 1;
        } else {
            for (std::size_t k = 0; k < tail; ++k) {  // the same value, byte by byte
                w |= static_cast<std::uint64_t>(static_cast<unsigned char>(folded[i + k])) << (8 * k);
            }
        }
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return h * 0x94D049BB133111EBull;
}

std::uint64_t hash_folded(std::string_view folded) { return hash_words(folded, folded.data() + folded.size()); }

void tokenize_names(std::string_view text, TokenizedText& out) {
    out.clear();
    out.source = text;
    out.tokens.reserve(text.size() / 6 + 1);
    GapTally gap;
    bool first = true;
    std::size_t pos = 0;
    const std::size_t n = text.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    while (pos < n) {
        // Separators up to the next letter or digit.
        const std::size_t separators_start = pos;
        while (pos < n) {
            const std::uint8_t cls = kClass[bytes[pos]];
            if (cls == kSep) {
                if (bytes[pos] == ' ') {
                    ++gap.spaces;  // by far the most common separator
                } else {
                    gap.add(bytes[pos]);
                }
                ++pos;
                continue;
            }
            if (cls != kHigh) break;
            const DecodedChar c = decode_utf8(text, pos);
            std::string probe;
            if (fold_code_point(c.code_point, probe) && !probe.empty()) break;  // a letter starts here
            gap.add(c.code_point);
            pos += c.length;
        }
        if (pos >= n) break;

        NameToken token;
        token.start = static_cast<std::uint32_t>(pos);
        if (pos == separators_start + 1 && bytes[separators_start] == ' ') {
            token.gap = first ? Gap::start : Gap::space;  // one space: what classify() would say
            gap.spaces = 0;
        } else {
            token.gap = gap.classify(first);
            gap.reset();
        }
        first = false;

        // Fast path: a run of ASCII letters and digits, counted without branches.
        const std::size_t run = pos;
        std::uint64_t counts = 0;
        while (pos < n) {
            const std::uint64_t inc = kIncrement[bytes[pos]];
            if (inc == 0) break;
            counts += inc;
            ++pos;
        }
        auto letters = static_cast<std::uint32_t>(counts & kCountMask);
        auto uppers = static_cast<std::uint32_t>((counts >> 21) & kCountMask);
        auto digits = static_cast<std::uint32_t>((counts >> 42) & kCountMask);
        if (pos - run >= kCountMask) letters = uppers = digits = 1;  // megabytes of one "word": mixed, never a name
        const bool ascii_word = pos >= n || kClass[bytes[pos]] != kHigh;
        if (ascii_word) {
            if (run < n && kClass[bytes[run]] == kUpper) token.flags |= NameToken::kCapitalised;
            const std::size_t len = std::min(pos - run, kMaxTokenBytes);
            if (uppers == 0) {
                token.flags |= NameToken::kInPlace;  // already folded: no copy
                token.fold_start = static_cast<std::uint32_t>(run);
            } else {
                token.fold_start = static_cast<std::uint32_t>(out.folded.size());
                for (std::size_t i = 0; i < len; ++i) {
                    const char c = static_cast<char>(bytes[run + i]);
                    out.folded.push_back(kClass[bytes[run + i]] == kUpper ? static_cast<char>(c - 'A' + 'a') : c);
                }
            }
            token.fold_len = static_cast<std::uint16_t>(len);
        } else {
            // Mixed ASCII and other letters: fold character by character into the arena.
            pos = run;
            letters = digits = uppers = 0;
            token.fold_start = static_cast<std::uint32_t>(out.folded.size());
            bool first_letter = true;
            while (pos < n) {
                const std::uint8_t cls = kClass[bytes[pos]];
                if (cls == kSep) break;
                const std::size_t before = out.folded.size();
                const bool full = before - token.fold_start >= kMaxTokenBytes;
                if (cls != kHigh) {
                    char c = static_cast<char>(bytes[pos]);
                    if (cls == kUpper) {
                        c = static_cast<char>(c - 'A' + 'a');
                        ++uppers, ++letters;
                        if (first_letter) token.flags |= NameToken::kCapitalised;
                        first_letter = false;
                    } else if (cls == kLower) {
                        ++letters, first_letter = false;
                    } else {
                        ++digits;
                    }
                    if (!full) out.folded.push_back(c);
                    ++pos;
                    continue;
                }
                const DecodedChar dc = decode_utf8(text, pos);
                if (!fold_code_point(dc.code_point, out.folded)) break;
                if (full) {
                    out.folded.resize(before);  // an over-long run (base64, a hash): keep its head only
                } else if (out.folded.size() > before) {
                    ++letters;
                    if (is_upper_letter(dc.code_point)) {
                        ++uppers;
                        if (first_letter) token.flags |= NameToken::kCapitalised;
                    }
                    first_letter = false;
                }
                pos += dc.length;
            }
            token.fold_len = static_cast<std::uint16_t>(out.folded.size() - token.fold_start);
        }
        token.end = static_cast<std::uint32_t>(pos);
        if (token.fold_len == 0) {  // only combining marks: not a word
            if (!(token.flags & NameToken::kInPlace)) out.folded.resize(token.fold_start);
            continue;
        }
        token.hash = (token.flags & NameToken::kInPlace) ? hash_words(out.folded_of(token), text.data() + text.size())
                                                         : hash_words(out.folded_of(token), out.folded.data() + out.folded.size());
        if (digits) token.flags |= NameToken::kHasDigit;
        if (digits && !letters) token.flags |= NameToken::kAllDigits;
        if (letters >= 2 && uppers == letters) token.flags |= NameToken::kAllUpper;
        out.tokens.push_back(token);
    }
}

}  // namespace chaperone::pii
