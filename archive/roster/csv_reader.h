// An RFC 4180 CSV reader for MIS exports.
//
// Handles quoted fields with embedded commas, quotes ("") and newlines; CRLF, LF or CR line
// ends; a UTF-8 byte-order mark; and files that are not UTF-8, which are read as
// Windows-1252 (what Excel on Windows saves as "CSV"). Every limit is named in CsvLimits.
//
// Errors that stop reading (an unterminated quote, a record or file over its limit) are a
// Status naming "<file>:<line>: ...". A malformed single record (text after a closing quote,
// a quote inside an unquoted field) is kept with `problem` set, so the validator can report
// it alongside every other problem in the file.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::archive::roster {

struct CsvLimits {
    std::uint64_t max_file_bytes = 256ull << 20;  // a roster of a large trust is a few MB
    std::size_t max_record_bytes = 64 * 1024;     // one record, quotes and newlines included
    std::size_t max_records = 500'000;            // header included
    std::size_t max_fields = 256;                 // per record
};

struct CsvRecord {
    std::size_t line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> fields;
    std::string problem;   // non-empty: the record is malformed (reported, not fatal)
};

struct CsvTable {
    std::vector<CsvRecord> records;  // the header is records[0] when present
    bool converted_from_windows1252 = false;
};

// `name` prefixes error messages ("students.csv").
Result<CsvTable> parse_csv(std::string_view bytes, const std::string& name, const CsvLimits& limits = {});
// Reads the file (bounded by max_file_bytes) and parses it.
Result<CsvTable> read_csv_file(const std::string& path, const CsvLimits& limits = {});

}  // namespace chaperone::archive::roster
