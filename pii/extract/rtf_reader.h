// RTF to text with a real tokenizer: groups, control words with parameters, control
// symbols, \'hh bytes in the document's code page (\ansicpgN, or the \fcharset of the
// current font from the font table), \uN Unicode (with surrogate pairs) skipping the \ucN
// fallback characters that follow, and \binN data.
//
// Skipped: the font, colour, style, list and revision tables, \info, pictures (\pict),
// objects' data, field instructions (\fldinst; the field result is kept), and every \*
// destination we do not read. Kept: body text, headers and footers, footnotes, hidden
// text (\v; hidden is not protection). \par and \line end lines, \tab and \cell are tabs,
// \row ends a table row.
//
// Bounded: linear in the input, group nesting capped at kMaxRtfDepth (deeper groups are
// read as if flat), output capped at `max_bytes`.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::pii {

inline constexpr int kMaxRtfDepth = 512;

std::string rtf_to_text(std::string_view rtf, std::uint64_t max_bytes);

}  // namespace chaperone::pii
