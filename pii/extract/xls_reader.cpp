// BIFF8 workbook reader; see xls_reader.h. Record layouts from [MS-XLS] 2.4.
#include "pii/extract/xls_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "pii/extract/spreadsheet_values.h"
#include "pii/extract/text_sink.h"
#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

constexpr std::uint16_t kBof = 0x0809, kEof = 0x000A, kContinue = 0x003C, kSst = 0x00FC, kBoundSheet = 0x0085,
                        kFormat = 0x041E, kXf = 0x00E0, kDateMode = 0x0022, kLabelSst = 0x00FD, kLabel = 0x0204,
                        kNumber = 0x0203, kRk = 0x027E, kMulRk = 0x00BD, kBoolErr = 0x0205, kFormula = 0x0006,
                        kString = 0x0207;
constexpr std::size_t kMaxSheets = 1000;
constexpr std::size_t kMaxStrings = 4u << 20;
constexpr int kMaxEmptyCellsKept = 64;

std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t u32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(u16(b, at)) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}

struct Record {
    std::uint16_t type;
    std::string_view data;
    std::size_t offset;  // of the record header in the stream
};

// Records from `at` to the end of the stream (or a truncated record).
class Records {
public:
    Records(std::string_view stream, std::size_t at) : s_(stream), at_(at) {}
    bool next(Record& r) {
        if (at_ + 4 > s_.size()) return false;
        std::uint16_t type = u16(s_, at_), size = u16(s_, at_ + 2);
        if (at_ + 4 + size > s_.size()) return false;
        r = Record{type, s_.substr(at_ + 4, size), at_};
        at_ += 4 + static_cast<std::size_t>(size);
        return true;
    }
    // The CONTINUE records following the last one read, without consuming anything else.
    std::vector<std::string_view> continues() {
        std::vector<std::string_view> out;
        Record r;
        std::size_t mark = at_;
        while (next(r) && r.type == kContinue) {
            out.push_back(r.data);
            mark = at_;
        }
        at_ = mark;
        return out;
    }

private:
    std::string_view s_;
    std::size_t at_;
};

// Bytes of a record and its CONTINUE records read as one sequence; strings that cross into
// a CONTINUE record restart there with a new option byte ([MS-XLS] 2.5.293).
class Segments {
public:
    explicit Segments(std::vector<std::string_view> parts) : parts_(std::move(parts)) {}
    bool byte(unsigned char& out) {
        if (!settle()) return false;
        out = static_cast<unsigned char>(parts_[seg_][off_++]);
        return true;
    }
    bool u16v(std::uint16_t& v) {
        unsigned char a, b;
        if (!byte(a) || !byte(b)) return false;
        v = static_cast<std::uint16_t>(a | (b << 8));
        return true;
    }
    bool u32v(std::uint32_t& v) {
        std::uint16_t a, b;
        if (!u16v(a) || !u16v(b)) return false;
        v = a | (static_cast<std::uint32_t>(b) << 16);
        return true;
    }
    bool skip(std::uint64_t n) {
        while (n > 0) {
            if (!settle()) return false;
            std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(n, parts_[seg_].size() - off_));
            off_ += take;
            n -= take;
        }
        return true;
    }
    // XLUnicodeRichExtendedString (SST) or XLUnicodeString, appended as UTF-8.
    bool string(std::string& out, bool rich_extended) {
        std::uint16_t cch;
        unsigned char flags;
        if (!u16v(cch) || !byte(flags)) return false;
        std::uint16_t runs = 0;
        std::uint32_t ext = 0;
        if (rich_extended && (flags & 0x08) && !u16v(runs)) return false;
        if (rich_extended && (flags & 0x04) && !u32v(ext)) return false;
        bool wide = flags & 0x01;
        for (std::uint32_t i = 0; i < cch; ++i) {
            if (off_ >= current_size()) {
                // Characters continue in the next record, after a new option byte.
                if (!next_segment()) return false;
                unsigned char f;
                if (!byte(f)) return false;
                wide = f & 0x01;
            }
            if (wide) {
                std::uint16_t unit;
                if (!u16v(unit)) return false;
                append_utf8(out, unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
            } else {
                unsigned char c;
                if (!byte(c)) return false;
                append_utf8(out, c);  // "compressed": the low bytes of UTF-16, i.e. Latin-1
            }
        }
        return skip(static_cast<std::uint64_t>(runs) * 4 + ext);
    }

private:
    std::size_t current_size() const { return seg_ < parts_.size() ? parts_[seg_].size() : 0; }
    bool next_segment() {
        if (seg_ + 1 >= parts_.size()) return false;
        ++seg_;
        off_ = 0;
        return true;
    }
    bool settle() {
        while (seg_ < parts_.size() && off_ >= parts_[seg_].size()) {
            if (!next_segment()) return false;
        }
        return seg_ < parts_.size();
    }
    std::vector<std::string_view> parts_;
    std::size_t seg_ = 0, off_ = 0;
};

double rk_value(std::uint32_t rk) {
    double v;
    if (rk & 0x02) {
        v = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
    } else {
        std::uint64_t bits = static_cast<std::uint64_t>(rk & 0xFFFFFFFCu) << 32;
        std::memcpy(&v, &bits, sizeof v);
    }
    return (rk & 0x01) ? v / 100.0 : v;
}

struct Cell {
    std::uint16_t row, col;
    std::string text;
};

struct Globals {
    struct Sheet {
        std::string name;
        std::uint32_t offset;
    };
    std::vector<Sheet> sheets;
    std::vector<std::string> strings;
    std::vector<std::pair<std::uint16_t, std::string>> formats;
    std::vector<DateKind> xf_dates;
    bool date1904 = false;
};

std::string number_text(double v, std::uint16_t xf, const Globals& g) {
    if (xf < g.xf_dates.size() && g.xf_dates[xf] != DateKind::none) {
        std::string date = format_serial_date(v, g.date1904, g.xf_dates[xf]);
        if (!date.empty()) return date;
    }
    if (!std::isfinite(v)) return {};
    if (std::fabs(v) < 1e15 && v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

bool read_globals(std::string_view stream, Globals& g, std::string& error) {
    Records records(stream, 0);
    Record r;
    if (!records.next(r) || r.type != kBof || r.data.size() < 4) return error = "no BOF record", false;
    if (u16(r.data, 0) != 0x0600) return error = fmt::format("BIFF version 0x{:04x} (Excel 95 or older) not supported", u16(r.data, 0)), false;
    std::vector<std::uint16_t> xf_formats;
    while (records.next(r)) {
        switch (r.type) {
            case kEof: goto done;
            case kDateMode:
                if (r.data.size() >= 2) g.date1904 = u16(r.data, 0) == 1;
                break;
            case kBoundSheet:
                if (r.data.size() >= 8 && g.sheets.size() < kMaxSheets) {
                    if (static_cast<unsigned char>(r.data[5]) != 0) break;  // not a worksheet (chart, macro)
                    std::string name;
                    std::size_t cch = static_cast<unsigned char>(r.data[6]);
                    bool wide = r.data[7] & 0x01;
                    for (std::size_t k = 0; k < cch && 8 + (k + 1) * (wide ? 2 : 1) <= r.data.size(); ++k) {
                        append_utf8(name, wide ? u16(r.data, 8 + k * 2) : static_cast<unsigned char>(r.data[8 + k]));
                    }
                    g.sheets.push_back({name, u32(r.data, 0)});
                }
                break;
            case kFormat:
                if (r.data.size() >= 5) {
                    std::vector<std::string_view> parts{r.data.substr(2)};
                    Segments seg(parts);
                    std::string code;
                    if (seg.string(code, false)) g.formats.emplace_back(u16(r.data, 0), code);
                }
                break;
            case kXf:
                if (r.data.size() >= 4) xf_formats.push_back(u16(r.data, 2));
                break;
            case kSst: {
                std::vector<std::string_view> parts{r.data};
                for (std::string_view c : records.continues()) parts.push_back(c);
                Segments seg(parts);
                std::uint32_t total, unique;
                if (!seg.u32v(total) || !seg.u32v(unique)) break;
                for (std::uint32_t i = 0; i < unique && g.strings.size() < kMaxStrings; ++i) {
                    std::string s;
                    if (!seg.string(s, true)) break;
                    g.strings.push_back(std::move(s));
                }
                break;
            }
            default: break;
        }
    }
done:
    for (std::uint16_t id : xf_formats) {
        std::string_view code;
        for (const auto& [fid, fcode] : g.formats) {
            if (fid == id) code = fcode;
        }
        g.xf_dates.push_back(date_kind_of_format(id, code));
    }
    return true;
}

void read_sheet(std::string_view stream, const Globals& g, std::uint32_t offset, std::uint64_t budget, std::vector<Cell>& cells) {
    Records records(stream, offset);
    Record r;
    if (!records.next(r) || r.type != kBof) return;
    std::uint64_t used = 0;
    auto add = [&](std::uint16_t row, std::uint16_t col, std::string text) {
        if (text.empty() || used > budget) return;
        used += text.size() + 1;
        cells.push_back(Cell{row, col, std::move(text)});
    };
    std::uint16_t formula_row = 0, formula_col = 0;
    bool want_string = false;
    while (records.next(r) && used <= budget) {
        const std::string_view d = r.data;
        switch (r.type) {
            case kEof: return;
            case kLabelSst:
                if (d.size() >= 10) {
                    std::uint32_t isst = u32(d, 6);
                    if (isst < g.strings.size()) add(u16(d, 0), u16(d, 2), g.strings[isst]);
                }
                break;
            case kLabel:
                if (d.size() >= 9) {
                    std::vector<std::string_view> parts{d.substr(6)};
                    for (std::string_view c : records.continues()) parts.push_back(c);
                    Segments seg(parts);
                    std::string text;
                    if (seg.string(text, false)) add(u16(d, 0), u16(d, 2), std::move(text));
                }
                break;
            case kNumber:
                if (d.size() >= 14) {
                    double v;
                    std::memcpy(&v, d.data() + 6, sizeof v);
                    add(u16(d, 0), u16(d, 2), number_text(v, u16(d, 4), g));
                }
                break;
            case kRk:
                if (d.size() >= 10) add(u16(d, 0), u16(d, 2), number_text(rk_value(u32(d, 6)), u16(d, 4), g));
                break;
            case kMulRk:
                if (d.size() >= 6) {
                    std::uint16_t row = u16(d, 0), col = u16(d, 2);
                    std::size_t n = (d.size() - 6) / 6;
                    for (std::size_t k = 0; k < n; ++k) {
                        add(row, static_cast<std::uint16_t>(col + k), number_text(rk_value(u32(d, 4 + k * 6 + 2)), u16(d, 4 + k * 6), g));
                    }
                }
                break;
            case kBoolErr:
                if (d.size() >= 8) {
                    unsigned char value = static_cast<unsigned char>(d[6]);
                    if (d[7] == 0) add(u16(d, 0), u16(d, 2), value ? "TRUE" : "FALSE");
                }
                break;
            case kFormula:
                if (d.size() >= 14) {
                    std::uint16_t row = u16(d, 0), col = u16(d, 2);
                    if (static_cast<unsigned char>(d[12]) == 0xFF && static_cast<unsigned char>(d[13]) == 0xFF) {
                        unsigned char kind = static_cast<unsigned char>(d[6]);
                        if (kind == 0) {  // a string result: the next STRING record
                            want_string = true;
                            formula_row = row;
                            formula_col = col;
                        } else if (kind == 1) {
                            add(row, col, d[8] ? "TRUE" : "FALSE");
                        }
                    } else {
                        double v;
                        std::memcpy(&v, d.data() + 6, sizeof v);
                        add(row, col, number_text(v, u16(d, 4), g));
                    }
                }
                break;
            case kString:
                if (want_string && d.size() >= 3) {
                    std::vector<std::string_view> parts{d};
                    for (std::string_view c : records.continues()) parts.push_back(c);
                    Segments seg(parts);
                    std::string text;
                    if (seg.string(text, false)) add(formula_row, formula_col, std::move(text));
                }
                want_string = false;
                break;
            default: break;
        }
    }
}

}  // namespace

bool read_xls_text(std::string_view workbook, std::uint64_t max_text, std::string& out, std::string& error) {
    Globals g;
    if (!read_globals(workbook, g, error)) return false;
    TextSink sink(max_text);
    for (const Globals::Sheet& sheet : g.sheets) {
        if (sink.full()) break;
        std::vector<Cell> cells;
        read_sheet(workbook, g, sheet.offset, max_text, cells);
        std::stable_sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
            return a.row != b.row ? a.row < b.row : a.col < b.col;
        });
        sink.blank_line();
        sink.append(sheet.name);
        sink.end_line();
        std::string line;
        for (std::size_t i = 0; i < cells.size() && !sink.full();) {
            std::uint16_t row = cells[i].row;
            line.clear();
            int next_col = 0;
            bool any = false;
            for (; i < cells.size() && cells[i].row == row; ++i) {
                int col = cells[i].col;
                if (any && col < next_col) continue;  // a repeated cell
                std::size_t separators = any ? 1 + static_cast<std::size_t>(std::clamp(col - next_col, 0, kMaxEmptyCellsKept))
                                             : static_cast<std::size_t>(std::clamp(col, 0, kMaxEmptyCellsKept));
                line.append(separators, '\t');
                for (char c : cells[i].text) line.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
                any = true;
                next_col = col + 1;
            }
            sink.append(line);
            sink.end_line();
        }
    }
    out = sink.take();
    return true;
}

}  // namespace chaperone::pii
