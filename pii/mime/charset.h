// Small, fast charset helpers under to_utf8(): windows-1252 and mislabelled UTF-8.
//
// Windows-1252 is what undeclared 8-bit text from Windows mail clients and spreadsheet
// exports almost always is, and it maps every byte, so it is done with a table rather than
// iconv. repair_utf8() keeps valid UTF-8 sequences and reads each invalid byte as
// windows-1252: text declared UTF-8 but written as Latin-1 ("Zo\xEB") comes out readable
// ("Zoë") instead of as U+FFFD.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

bool is_ascii(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);
// Appends the UTF-8 encoding of `code_point` (U+FFFD for surrogates and out-of-range values).
void append_utf8(std::string& out, char32_t code_point);
// The Unicode code point of a windows-1252 byte (U+FFFD for the five undefined bytes).
char32_t windows1252_code_point(unsigned char byte);
std::string windows1252_to_utf8(std::string_view bytes);
std::string repair_utf8(std::string_view bytes);

}  // namespace chaperone::pii
