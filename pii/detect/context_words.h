// Looking around a candidate: keyword context ("DOB", "NHS no.") and line boundaries.
//
// Identifiers that pass a checksum by chance (about 9% of random 10-digit numbers pass the
// NHS check) only become findings with context; these helpers answer "is one of these words
// within N bytes before this span, on its line?" cheaply and case-insensitively.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "pii/detect/text_windows.h"

namespace chaperone::pii {

// A fixed list of lower-case keywords, indexed by first character so that one pass over a
// window finds any of them. Build once (a static const), use from any thread.
class WordList {
public:
    WordList(std::initializer_list<std::string_view> words);
    // Several lists in one, each word tagged with its list's bit, so that one pass over a
    // window answers for all of them (tags_in). The lists must outlive the result.
    static WordList combine(std::initializer_list<std::pair<const WordList*, std::uint32_t>> lists);

    // Where the last keyword in text[from, to) starts, or npos.
    std::size_t last_in(std::string_view text, std::size_t from, std::size_t to) const;
    // The tags of every list with a word in text[from, to) (contains_word for each list).
    std::uint32_t tags_in(std::string_view text, std::size_t from, std::size_t to) const;
    // Bytes of the longest keyword.
    std::size_t longest() const { return longest_; }

private:
    WordList() = default;
    struct Word {
        std::string_view text;
        std::uint32_t tag = 1;
    };
    // Calls found(at, tag) for every keyword occurrence in text[from, to), in order.
    template <typename Found>
    void scan(std::string_view text, std::size_t from, std::size_t to, Found found) const;

    std::array<std::vector<Word>, 256> by_first_;
    void fill_starts();

    std::array<bool, 256> first_{};   // some keyword starts with this (lower-case) byte
    std::array<bool, 256> starts_{};  // the same for any byte, upper case included
    std::size_t longest_ = 0;
};

// True when one of `words` (lower case; may hold spaces and dots) occurs in text[from, to)
// case-insensitively, with no letter or digit directly before or after it.
bool contains_word(std::string_view text, std::size_t from, std::size_t to, const WordList& words);

// Where the last of `words` in text[from, to) starts (same matching as contains_word), or npos.
std::size_t last_word_at(std::string_view text, std::size_t from, std::size_t to, const WordList& words);

// The line holding `pos`, without its line break.
ByteRange line_of(std::string_view text, std::size_t pos);
// Up to `bytes` before `pos`, not crossing a blank line.
ByteRange before(std::string_view text, std::size_t pos, std::size_t bytes);
// Up to `bytes` after `pos`, not crossing a blank line.
ByteRange after(std::string_view text, std::size_t pos, std::size_t bytes);

// A word before `pos` within `bytes` (same paragraph), or after `end` within `after_bytes`.
bool word_near(std::string_view text, std::size_t pos, std::size_t end, std::size_t bytes, std::size_t after_bytes,
               const WordList& words);

}  // namespace chaperone::pii
