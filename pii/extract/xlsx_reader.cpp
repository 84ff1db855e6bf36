// Excel (xlsx, xlsm) text: one line per row, cells separated by tabs; see document_readers.h.
//
// The large parts (worksheets, shared strings) are streamed: inflated chunk by chunk and
// tokenised by XmlScanner as they arrive, never held whole nor parsed into a DOM (which
// would cost more time and memory than everything else together).
//
// Cell values: shared strings (t="s") and inline strings resolved, formula results as
// stored, booleans TRUE/FALSE, numbers as stored unless their style has a date format, in
// which case the serial day number becomes dd/mm/yyyy (a DOB column is a date-formatted
// serial, not text). Hidden sheets are read too: hiding is not protection.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

#include "pii/extract/document_readers.h"
#include "pii/extract/spreadsheet_values.h"
#include "pii/extract/text_sink.h"
#include "pii/extract/xml_scanner.h"

namespace chaperone::pii {
namespace {

constexpr int kMaxEmptyCellsKept = 64;      // a long gap of empty columns is written as this many tabs
constexpr std::size_t kMaxSheets = 1000;    // more sheets than this is not a real workbook
constexpr std::size_t kMaxStyles = 100000;  // cellXfs entries

// "AB12" -> 27 (0-based column); -1 when there is no column reference.
int column_of(std::string_view ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && i < 3; ++i) {
        char c = ref[i];
        if (c >= 'A' && c <= 'Z') {
            col = col * 26 + (c - 'A' + 1);
        } else if (c >= 'a' && c <= 'z') {
            col = col * 26 + (c - 'a' + 1);
        } else {
            break;
        }
    }
    return i == 0 ? -1 : col - 1;
}

pugi::xml_node child_local(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_node c : node.children()) {
        if (local_name(c) == name) return c;
    }
    return {};
}

// Shared strings in one arena: string i is arena[offsets[i], offsets[i + 1]).
struct SharedStrings {
    std::string arena;
    std::vector<std::size_t> offsets{0};
    std::size_t size() const { return offsets.size() - 1; }
    std::string_view at(std::size_t i) const {
        return std::string_view(arena).substr(offsets[i], offsets[i + 1] - offsets[i]);
    }
};

struct Workbook {
    struct Sheet {
        std::string name;
        std::string part;
    };
    std::vector<Sheet> sheets;
    SharedStrings shared;
    std::vector<DateKind> style_dates;  // by cellXfs index
    bool date1904 = false;
};

void load_styles(PackageParts& parts, const std::string& part, Workbook& wb) {
    XmlPart styles;
    if (!parts.load(part, styles, false)) return;
    pugi::xml_node root = styles.doc.document_element();
    std::vector<std::pair<int, std::string>> custom;
    if (pugi::xml_node fmts = child_local(root, "numFmts")) {
        for (pugi::xml_node f : fmts.children()) {
            if (local_name(f) != "numFmt") continue;
            custom.emplace_back(f.attribute("numFmtId").as_int(-1), f.attribute("formatCode").value());
        }
    }
    if (pugi::xml_node xfs = child_local(root, "cellXfs")) {
        for (pugi::xml_node xf : xfs.children()) {
            if (local_name(xf) != "xf") continue;
            if (wb.style_dates.size() >= kMaxStyles) break;
            int id = xf.attribute("numFmtId").as_int(0);
            std::string_view code;
            for (const auto& [cid, ccode] : custom) {
                if (cid == id) code = ccode;
            }
            wb.style_dates.push_back(date_kind_of_format(id, code));
        }
    }
}

// The string items of sharedStrings.xml: the text of <t> elements (plain or in rich runs),
// never of the phonetic <rPh> runs. Streamed: the part is never held whole.
class SharedStringsReader {
public:
    explicit SharedStringsReader(SharedStrings& sst) : sst_(sst) {}

    void operator()(XmlScanner::Token t, const XmlScanner& x) {
        if (t == XmlScanner::Token::text) {
            if (in_t_) {
                if (x.cdata()) {
                    sst_.arena.append(x.text());
                } else {
                    append_xml_text(x.text(), sst_.arena);
                }
            }
            return;
        }
        std::string_view n = x.name();
        const bool si = n.size() == 2 && n[0] == 's' && n[1] == 'i';
        const bool text = n.size() == 1 && n[0] == 't';
        const bool phonetic = n.size() == 3 && n[0] == 'r' && n[1] == 'P' && n[2] == 'h';
        switch (t) {
            case XmlScanner::Token::start:
                if (si) {
                    in_item_ = true;
                } else if (text) {
                    in_t_ = in_item_ && phonetic_ == 0;
                } else if (phonetic) {
                    ++phonetic_;
                }
                break;
            case XmlScanner::Token::empty:
                if (si) sst_.offsets.push_back(sst_.arena.size());
                break;
            case XmlScanner::Token::end:
                if (si) {
                    in_item_ = false;
                    sst_.offsets.push_back(sst_.arena.size());
                } else if (text) {
                    in_t_ = false;
                } else if (phonetic && phonetic_ > 0) {
                    --phonetic_;
                }
                break;
            default: break;
        }
    }

private:
    SharedStrings& sst_;
    bool in_item_ = false, in_t_ = false;
    int phonetic_ = 0;
};

bool load_shared_strings(PackageParts& parts, const std::string& part, Workbook& wb) {
    SharedStringsReader reader(wb.shared);
    XmlChunks chunks;
    bool read = parts.stream(part, [&](std::string_view chunk) {
        chunks.feed(chunk, reader);
        return true;
    }, false);
    chunks.finish(reader);
    return read || !parts.failed();
}

void append_number(std::size_t style, std::string_view value, const Workbook& wb, std::string& line);

// The displayed value of one cell appended to `line`.
void append_cell_value(std::string_view type, std::size_t style, std::string_view value, const Workbook& wb,
                       std::string& line) {
    if (type.size() == 9 && type == "inlineStr") {
        line.append(value);
        return;
    }
    if (value.empty()) return;
    if (type.size() == 1 && type[0] == 's') {
        std::size_t index = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec == std::errc() && index < wb.shared.size()) line.append(wb.shared.at(index));
        return;
    }
    if (type.empty() || type == "n") {
        append_number(style, value, wb, line);
        return;
    }
    if (type == "b") {
        line.append(value == "1" ? "TRUE" : "FALSE");
        return;
    }
    if (type == "str" || type == "e") {
        line.append(value);
        return;
    }
    if (type == "d") {
        std::string date = format_iso_date(value);
        line.append(date.empty() ? std::string(value) : date);
        return;
    }
    append_number(style, value, wb, line);
}

// A number; a date when its style says so.
void append_number(std::size_t style, std::string_view value, const Workbook& wb, std::string& line) {
    if (style < wb.style_dates.size() && wb.style_dates[style] != DateKind::none) {
        double serial = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), serial);
        if (ec == std::errc()) {
            std::string date = format_serial_date(serial, wb.date1904, wb.style_dates[style]);
            if (!date.empty()) {
                line.append(date);
                return;
            }
        }
    }
    line.append(tidy_number(value));
}

// One worksheet part, streamed: <row> elements become lines, <c> elements cells.
class SheetWriter {
public:
    SheetWriter(const Workbook& wb, TextSink& out) : wb_(wb), out_(out) {}

    // Element names that matter here, told apart by length and first letter before comparing.
    enum class Name { other, row, c, v, t, rph };
    static Name classify(std::string_view n) {
        switch (n.size()) {
            case 1: return n[0] == 'c' ? Name::c : n[0] == 'v' ? Name::v : n[0] == 't' ? Name::t : Name::other;
            case 3:
                if (n[0] != 'r') return Name::other;
                if (n[1] == 'o' && n[2] == 'w') return Name::row;
                if (n[1] == 'P' && n[2] == 'h') return Name::rph;
                return Name::other;
            default: return Name::other;
        }
    }

    void operator()(XmlScanner::Token t, const XmlScanner& x) {
        if (out_.full()) return;
        const Name name = t == XmlScanner::Token::text ? Name::other : classify(x.name());
        switch (t) {
            case XmlScanner::Token::start:
            case XmlScanner::Token::empty: {
                const bool empty = t == XmlScanner::Token::empty;
                if (name == Name::row) {
                    begin_row();
                    if (empty) end_row();
                } else if (name == Name::c) {
                    begin_cell(x);
                    if (empty) end_cell();
                } else if (in_cell_ && !empty) {
                    if (name == Name::v) {
                        in_v_ = true;
                    } else if (name == Name::t) {
                        in_t_ = phonetic_ == 0;
                    } else if (name == Name::rph) {
                        ++phonetic_;
                    }
                }
                break;
            }
            case XmlScanner::Token::end:
                if (name == Name::row) {
                    end_row();
                } else if (name == Name::c) {
                    end_cell();
                } else if (name == Name::v) {
                    in_v_ = false;
                } else if (name == Name::t) {
                    in_t_ = false;
                } else if (name == Name::rph && phonetic_ > 0) {
                    --phonetic_;
                }
                break;
            case XmlScanner::Token::text:
                if (in_cell_ && (in_v_ || in_t_)) {
                    if (x.cdata()) {
                        value_.append(x.text());
                    } else {
                        append_xml_text(x.text(), value_);
                    }
                }
                break;
            case XmlScanner::Token::eof: break;
        }
    }

    // After the last token: a truncated sheet still gives its last row.
    void finish() {
        if (in_row_) end_row();
    }

private:
    void begin_row() {
        if (in_row_) end_row();
        in_row_ = true;
        line_.clear();
        next_col_ = 0;
        auto_col_ = 0;
        any_ = false;
    }

    void end_row() {
        if (in_cell_) end_cell();
        if (in_row_ && any_) {
            out_.append(line_);
            out_.end_line();
        }
        in_row_ = false;
    }

    void begin_cell(const XmlScanner& x) {
        if (in_cell_) end_cell();
        if (!in_row_) begin_row();
        in_cell_ = true;
        std::string_view r, t, s;
        x.for_each_attribute([&](std::string_view name, std::string_view value) {
            if (name.size() != 1) return;
            if (name[0] == 'r') r = value;
            if (name[0] == 't') t = value;
            if (name[0] == 's') s = value;
        });
        int col = column_of(r);
        col_ = col < 0 ? auto_col_ : col;
        type_.assign(t);
        style_ = 0;
        std::from_chars(s.data(), s.data() + s.size(), style_);
        value_.clear();
        in_v_ = in_t_ = false;
        phonetic_ = 0;
    }

    void end_cell() {
        if (!in_cell_) return;
        in_cell_ = false;
        in_v_ = in_t_ = false;
        auto_col_ = col_ + 1;
        // Leading empty columns, or one tab plus one per empty column since the last value.
        const std::size_t before = line_.size();
        const std::size_t separators = any_ ? 1 + static_cast<std::size_t>(std::clamp(col_ - next_col_, 0, kMaxEmptyCellsKept))
                                            : static_cast<std::size_t>(std::clamp(col_, 0, kMaxEmptyCellsKept));
        line_.append(separators, '\t');
        const std::size_t value_start = line_.size();
        append_cell_value(type_, style_, value_, wb_, line_);
        if (line_.size() == value_start) {
            line_.resize(before);  // an empty cell: leave the gap to the next one
            return;
        }
        // Tabs and newlines inside a cell would break the row layout.
        for (std::size_t k = value_start; k < line_.size(); ++k) {
            char& c = line_[k];
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        }
        any_ = true;
        next_col_ = col_ + 1;
    }

    const Workbook& wb_;
    TextSink& out_;
    std::string line_;
    std::string value_;
    std::string type_;
    std::size_t style_ = 0;
    int col_ = 0, next_col_ = 0, auto_col_ = 0;
    int phonetic_ = 0;
    bool in_row_ = false, in_cell_ = false, in_v_ = false, in_t_ = false, any_ = false;
};

}  // namespace

DocumentText read_xlsx(PackageParts& parts, const std::string& main_part) {
    XmlPart workbook;
    if (!parts.load(main_part, workbook)) return parts.unreadable();
    Workbook wb;
    pugi::xml_node root = workbook.doc.document_element();
    if (pugi::xml_node pr = child_local(root, "workbookPr")) {
        std::string_view v = pr.attribute("date1904").value();
        wb.date1904 = v == "1" || v == "true";
    }
    std::vector<OpcRelationship> rels = read_relationships(parts, main_part);
    for (const OpcRelationship& r : rels) {
        if (r.external) continue;
        if (r.type_is("sharedStrings")) load_shared_strings(parts, r.target, wb);
        if (r.type_is("styles")) load_styles(parts, r.target, wb);
    }
    if (parts.failed()) return parts.unreadable();
    if (pugi::xml_node sheets = child_local(root, "sheets")) {
        for (pugi::xml_node s : sheets.children()) {
            if (local_name(s) != "sheet" || wb.sheets.size() >= kMaxSheets) continue;
            std::string_view id = relationship_id(s);
            for (const OpcRelationship& r : rels) {
                if (r.id == id && r.type_is("worksheet") && !r.external) wb.sheets.push_back({s.attribute("name").value(), r.target});
            }
        }
    }

    TextSink out(parts.text_cap());
    for (const Workbook::Sheet& sheet : wb.sheets) {
        if (out.full()) break;
        out.blank_line();
        out.append(sheet.name);
        out.end_line();
        SheetWriter writer(wb, out);
        XmlChunks chunks;
        bool read = parts.stream(sheet.part, [&](std::string_view chunk) {
            chunks.feed(chunk, writer);
            return !out.full();
        });
        if (!read) return parts.unreadable();
        chunks.finish(writer);
        writer.finish();
    }
    return DocumentText{out.take(), Protection::none, {}};
}

}  // namespace chaperone::pii
