// Excel 97-2003 (BIFF8) workbook text: the cells of every sheet, one line per row with
// cells separated by tabs, dates (numbers with a date format) as dd/mm/yyyy: the same
// layout as the xlsx reader, from the "Workbook" stream of the compound file.
//
// Reads the globals (sheet list, shared strings across CONTINUE records, number formats
// and XFs, the 1904 date mode), then each sheet's LABELSST, LABEL, NUMBER, RK, MULRK,
// BOOLERR and FORMULA (with its STRING result) records. Only BIFF8 (Excel 97 and later);
// encrypted workbooks (FILEPASS) are classified before this is called.
//
// Bounded: every loop walks records of the given stream once; cells stop at `max_text`.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::pii {

// False with `error` set when the stream is not a readable BIFF8 workbook.
bool read_xls_text(std::string_view workbook, std::uint64_t max_text, std::string& out, std::string& error);

}  // namespace chaperone::pii
