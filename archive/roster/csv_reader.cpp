// RFC 4180 CSV reading; see csv_reader.h.
#include "archive/roster/csv_reader.h"

#include <fmt/format.h>

#include <fstream>

#include "archive/casefile/text_util.h"
#include "pii/mime/gmime_ptr.h"
#include "pii/mime/mime_message.h"

namespace chaperone::archive::roster {

Result<CsvTable> parse_csv(std::string_view bytes, const std::string& name, const CsvLimits& limits) {
    CsvTable table;
    if (bytes.size() > limits.max_file_bytes) {
        return Status::error(Errc::limit, fmt::format("{}: larger than {} bytes", name, limits.max_file_bytes));
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    std::string converted;
    if (!valid_utf8(bytes)) {
        pii::ensure_gmime();  // to_utf8 uses GMime's charset tables
        converted = pii::to_utf8(bytes, "windows-1252");
        bytes = converted;
        table.converted_from_windows1252 = true;
    }

    std::size_t line = 1;
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    while (i < n) {
        CsvRecord record;
        record.line = line;
        std::size_t record_start = i;
        std::string field;
        bool record_done = false;
        while (!record_done) {
            field.clear();
            bool quoted = false;
            if (i < n && bytes[i] == '"') {
                quoted = true;
                std::size_t opened_line = line;
                ++i;
                for (;;) {
                    if (i >= n) {
                        return Status::error(Errc::invalid_input,
                                             fmt::format("{}:{}: quoted field is never closed", name, opened_line));
                    }
                    char c = bytes[i];
                    if (c == '"') {
                        if (i + 1 < n && bytes[i + 1] == '"') {
                            field.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\r') {
                        // CRLF or a lone CR inside quotes is one newline in the value.
                        field.push_back('\n');
                        ++line;
                        i += (i + 1 < n && bytes[i + 1] == '\n') ? 2 : 1;
                    } else {
                        if (c == '\n') ++line;
                        field.push_back(c);
                        ++i;
                    }
                    if (i - record_start > limits.max_record_bytes) {
                        return Status::error(Errc::limit, fmt::format("{}:{}: record longer than {} bytes", name,
                                                                      record.line, limits.max_record_bytes));
                    }
                }
            }
            // Unquoted text, or what follows a closing quote, up to the next delimiter.
            while (i < n && bytes[i] != ',' && bytes[i] != '\n' && bytes[i] != '\r') {
                if (record.problem.empty()) {
                    if (quoted) {
                        record.problem = "text after a closing quote";
                    } else if (bytes[i] == '"') {
                        record.problem = "a quote inside an unquoted field (quote the whole field and double the quote)";
                    }
                }
                field.push_back(bytes[i]);
                ++i;
            }
            if (i - record_start > limits.max_record_bytes) {
                return Status::error(Errc::limit, fmt::format("{}:{}: record longer than {} bytes", name, record.line,
                                                              limits.max_record_bytes));
            }
            record.fields.push_back(field);
            if (record.fields.size() > limits.max_fields) {
                return Status::error(Errc::limit,
                                     fmt::format("{}:{}: more than {} fields", name, record.line, limits.max_fields));
            }
            if (i >= n) {
                record_done = true;
            } else if (bytes[i] == ',') {
                ++i;
                if (i >= n) record.fields.emplace_back();  // "a,b," ends with an empty field
                record_done = i >= n;
            } else {
                i += (bytes[i] == '\r' && i + 1 < n && bytes[i + 1] == '\n') ? 2 : 1;
                ++line;
                record_done = true;
            }
        }
        bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (blank) continue;  // empty lines, e.g. at the end of the file
        if (table.records.size() >= limits.max_records) {
            return Status::error(Errc::limit, fmt::format("{}:{}: more than {} records", name, record.line, limits.max_records));
        }
        table.records.push_back(std::move(record));
    }
    return table;
}

Result<CsvTable> read_csv_file(const std::string& path, const CsvLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(Errc::not_found, path + ": cannot open");
    std::string bytes;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > limits.max_file_bytes) {
            return Status::error(Errc::limit, fmt::format("{}: larger than {} bytes", path, limits.max_file_bytes));
        }
    }
    if (in.bad()) return Status::error(Errc::io, path + ": read error");
    return parse_csv(bytes, path, limits);
}

}  // namespace chaperone::archive::roster
