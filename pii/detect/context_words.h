// Looking around a candidate: keyword context ("DOB", "NHS no.") and line boundaries.
//
// Identifiers that pass a checksum by chance (about 9% of random 10-digit numbers pass the
// NHS check) only become findings with context; these helpers answer "is one of these words
// within N bytes before this span, on its line?" cheaply and case-insensitively.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "pii/detect/text_windows.h"

namespace chaperone::pii {

using WordList = std::initializer_list<std::string_view>;

// True when one of `words` (lower case; may hold spaces and dots) occurs in text[from, to)
// case-insensitively, with no letter or digit directly before or after it.
bool contains_word(std::string_view text, std::size_t from, std::size_t to, WordList words);

// The line holding `pos`, without its line break.
ByteRange line_of(std::string_view text, std::size_t pos);
// Up to `bytes` before `pos`, not crossing a blank line.
ByteRange before(std::string_view text, std::size_t pos, std::size_t bytes);
// Up to `bytes` after `pos`, not crossing a blank line.
ByteRange after(std::string_view text, std::size_t pos, std::size_t bytes);

// A word before `pos` within `bytes` (same paragraph), or after `end` within `after_bytes`.
bool word_near(std::string_view text, std::size_t pos, std::size_t end, std::size_t bytes, std::size_t after_bytes,
               WordList words);

}  // namespace chaperone::pii
