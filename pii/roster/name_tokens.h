// Word tokens of a text, folded for name matching, with what separates each from the last.
//
// Use: TokenizedText t; tokenize_names(text, t); then t.tokens[i].start/end are byte offsets
// into `text` and t.folded_of(token) is "dupre" for "Dupré". A token is a maximal run of
// letters and digits (any script; combining accents stay inside the word); apostrophes and
// hyphens split tokens ("O'Neill" -> o, neill with an apostrophe gap) so that every spelling
// variant of a name reduces to the same token sequence and separators.
//
// Thread-safety: a TokenizedText belongs to one caller; tokenize_names is pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chaperone::pii {

// What lies between a token and the one before it.
enum class Gap : std::uint8_t {
    start,       // first token of the text
    space,       // spaces or tabs only
    newline,     // whitespace with one line break
    paragraph,   // a blank line, or a long run of whitespace
    comma,       // one comma, whitespace around it allowed
    hyphen,      // one hyphen (ASCII or Unicode), nothing else
    apostrophe,  // one apostrophe (' ’ ‘ `), nothing else
    period,      // one full stop, whitespace after it allowed
    other,       // any other punctuation
};

struct NameToken {
    std::uint32_t start = 0;  // bytes in the tokenized text
    std::uint32_t end = 0;
    std::uint32_t fold_start = 0;  // in TokenizedText::folded
    std::uint16_t fold_len = 0;
    Gap gap = Gap::start;
    std::uint8_t flags = 0;
    std::uint64_t hash = 0;  // hash_folded() of the folded form

    static constexpr std::uint8_t kCapitalised = 1;  // first letter upper case
    static constexpr std::uint8_t kAllUpper = 2;     // two or more letters, all upper case
    static constexpr std::uint8_t kHasDigit = 4;
    static constexpr std::uint8_t kAllDigits = 8;

    bool capitalised() const { return flags & kCapitalised; }
    bool all_upper() const { return flags & kAllUpper; }
    bool has_digit() const { return flags & kHasDigit; }
};

struct TokenizedText {
    std::vector<NameToken> tokens;
    std::string folded;  // folded forms, back to back

    std::string_view folded_of(const NameToken& t) const { return {folded.data() + t.fold_start, t.fold_len}; }
    void clear() {
        tokens.clear();
        folded.clear();
    }
};

// Longest token kept whole; longer runs (base64, hashes) are split and never match a name.
inline constexpr std::size_t kMaxTokenBytes = 64;

// Tokenizes `text` into `out` (cleared first). `text` must be shorter than 4 GiB.
void tokenize_names(std::string_view text, TokenizedText& out);

// The hash tokenize_names stores for a folded token (64-bit FNV-1a).
std::uint64_t hash_folded(std::string_view folded);

}  // namespace chaperone::pii
