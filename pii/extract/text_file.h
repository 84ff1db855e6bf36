// Plain-text and CSV attachments of unknown charset to UTF-8 text.
//
// decode_text_file() sniffs the charset: a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE), UTF-16
// without BOM by the pattern of its zero bytes, valid UTF-8, else windows-1252 (what Excel
// on Windows writes as "CSV"). Line endings become LF.
//
// csv_rows() turns CSV into one line per record with fields separated by tabs, the same
// shape as spreadsheet rows (so "Bennett, Oliver" in quotes stays one field and a detector
// sees the same row layout for .csv and .xlsx). The delimiter (, ; tab |) is sniffed from
// the first record; quoted newlines and tabs inside a field become spaces.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "pii/extract/text_sink.h"

namespace chaperone::pii {

// `charset` (may be null) receives the name of what was detected, e.g. "utf-16le".
std::string decode_text_file(std::string_view bytes, std::string* charset = nullptr);

void csv_rows(std::string_view utf8, TextSink& out);

}  // namespace chaperone::pii
