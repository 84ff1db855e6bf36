// Tokenizer for name matching; see name_tokens.h.
//
// Speed matters here: every byte of every scanned text passes through this loop once, so
// ASCII takes a table-driven fast path and only bytes >= 0x80 are decoded.
#include "pii/roster/name_tokens.h"

#include <array>

#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

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

std::uint64_t hash_folded(std::string_view folded) {
    std::uint64_t h = kFnvOffset;
    for (char c : folded) {
        h ^= static_cast<unsigned char>(c);
        h *= kFnvPrime;
    }
    return h;
}

void tokenize_names(std::string_view text, TokenizedText& out) {
    out.clear();
    out.folded.reserve(text.size());
    out.tokens.reserve(text.size() / 6 + 1);
    GapTally gap;
    bool first = true;
    std::size_t pos = 0;
    const std::size_t n = text.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    while (pos < n) {
        // Separators up to the next letter or digit.
        while (pos < n) {
            const std::uint8_t cls = kClass[bytes[pos]];
            if (cls == kSep) {
                gap.add(bytes[pos]);
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
        token.fold_start = static_cast<std::uint32_t>(out.folded.size());
        token.gap = gap.classify(first);
        first = false;
        gap.reset();
        std::uint64_t h = kFnvOffset;
        bool first_letter = true, any_lower = false;
        std::uint32_t letters = 0, digits = 0, uppers = 0;
        while (pos < n) {
            const std::uint8_t cls = kClass[bytes[pos]];
            if (cls == kSep) break;
            if (out.folded.size() - token.fold_start >= kMaxTokenBytes) {
                // An over-long run (base64, a hash): swallow the rest of it; it names no one.
                if (cls != kHigh) {
                    ++pos;
                    continue;
                }
                const DecodedChar dc = decode_utf8(text, pos);
                std::string sink;
                if (!fold_code_point(dc.code_point, sink)) break;
                pos += dc.length;
                continue;
            }
            if (cls != kHigh) {
                char c = static_cast<char>(bytes[pos]);
                if (cls == kUpper) {
                    c = static_cast<char>(c - 'A' + 'a');
                    ++uppers, ++letters;
                    if (first_letter) token.flags |= NameToken::kCapitalised;
                    first_letter = false;
                } else if (cls == kLower) {
                    ++letters, any_lower = true, first_letter = false;
                } else {
                    ++digits;
                }
                out.folded.push_back(c);
                h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
                ++pos;
                continue;
            }
            const DecodedChar dc = decode_utf8(text, pos);
            const std::size_t before = out.folded.size();
            if (!fold_code_point(dc.code_point, out.folded)) break;
            if (out.folded.size() > before) {
                ++letters;
                if (is_upper_letter(dc.code_point)) {
                    ++uppers;
                    if (first_letter) token.flags |= NameToken::kCapitalised;
                } else {
                    any_lower = true;
                }
                first_letter = false;
            }
            for (std::size_t i = before; i < out.folded.size(); ++i) {
                h = (h ^ static_cast<unsigned char>(out.folded[i])) * kFnvPrime;
            }
            pos += dc.length;
        }
        token.end = static_cast<std::uint32_t>(pos);
        token.fold_len = static_cast<std::uint16_t>(out.folded.size() - token.fold_start);
        token.hash = h;
        if (digits) token.flags |= NameToken::kHasDigit;
        if (digits && !letters) token.flags |= NameToken::kAllDigits;
        if (letters >= 2 && uppers == letters && !any_lower) token.flags |= NameToken::kAllUpper;
        if (token.fold_len == 0) {  // only combining marks: not a word
            out.folded.resize(token.fold_start);
            continue;
        }
        out.tokens.push_back(token);
    }
}

}  // namespace chaperone::pii
