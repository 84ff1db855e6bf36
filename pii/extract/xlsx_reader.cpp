// Excel (xlsx, xlsm) text: one line per row, cells separated by tabs; see document_readers.h.
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

namespace chaperone::pii {
namespace {

constexpr int kMaxEmptyCellsKept = 64;      // a long gap of empty columns is written as this many tabs
constexpr std::size_t kMaxSheets = 1000;    // more sheets than this is not a real workbook
constexpr std::size_t kMaxStyles = 100000;  // cellXfs entries

// Text of a string item (<si>, <is>): its <t> and rich runs' <t>, never the phonetic <rPh>.
void string_item_text(const pugi::xml_node& item, std::string& out) {
    for (pugi::xml_node child : item.children()) {
        std::string_view name = local_name(child);
        if (name == "t") {
            out.append(child.text().get());
        } else if (name == "r") {
            for (pugi::xml_node t : child.children()) {
                if (local_name(t) == "t") out.append(t.text().get());
            }
        }
    }
}

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

struct Workbook {
    struct Sheet {
        std::string name;
        std::string part;
    };
    std::vector<Sheet> sheets;
    std::vector<std::string> shared_strings;
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

void load_shared_strings(PackageParts& parts, const std::string& part, Workbook& wb) {
    XmlPart sst;
    if (!parts.load(part, sst, false)) return;
    pugi::xml_node root = sst.doc.document_element();
    std::size_t count = static_cast<std::size_t>(root.attribute("uniqueCount").as_ullong(0));
    // The declared count is a hint; never trust it for more than the part could hold.
    wb.shared_strings.reserve(std::min(count, sst.bytes.size() / 8 + 1));
    for (pugi::xml_node si : root.children()) {
        if (local_name(si) != "si") continue;
        std::string text;
        string_item_text(si, text);
        wb.shared_strings.push_back(std::move(text));
    }
}

// The displayed value of one <c> appended to `line`.
void append_cell_value(const pugi::xml_node& c, const Workbook& wb, std::string& line) {
    std::string_view type = c.attribute("t").value();
    if (type == "inlineStr") {
        if (pugi::xml_node is = child_local(c, "is")) string_item_text(is, line);
        return;
    }
    pugi::xml_node v = child_local(c, "v");
    std::string_view value = v.text().get();
    if (value.empty()) return;
    if (type == "s") {
        std::size_t index = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec == std::errc() && index < wb.shared_strings.size()) line.append(wb.shared_strings[index]);
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
    // A number; a date when its style says so.
    std::size_t style = static_cast<std::size_t>(c.attribute("s").as_uint(0));
    if (style < wb.style_dates.size() && wb.style_dates[style] != DateKind::none) {
        std::string text(value);
        char* end = nullptr;
        double serial = std::strtod(text.c_str(), &end);
        if (end != text.c_str()) {
            std::string date = format_serial_date(serial, wb.date1904, wb.style_dates[style]);
            if (!date.empty()) {
                line.append(date);
                return;
            }
        }
    }
    line.append(tidy_number(value));
}

void write_sheet(const pugi::xml_node& worksheet, const Workbook& wb, TextSink& out) {
    pugi::xml_node data = child_local(worksheet, "sheetData");
    std::string line;
    for (pugi::xml_node row : data.children()) {
        if (out.full()) return;
        if (local_name(row) != "row") continue;
        line.clear();
        int next_col = 0;  // column the next cell would have without a gap
        bool any = false;
        for (pugi::xml_node c : row.children()) {
            if (local_name(c) != "c") continue;
            int col = column_of(c.attribute("r").value());
            if (col < 0) col = next_col;
            std::size_t before = line.size();
            // Leading empty columns, or one tab plus one per empty column since the last value.
            const std::size_t separators =
                any ? 1 + static_cast<std::size_t>(std::clamp(col - next_col, 0, kMaxEmptyCellsKept))
                    : static_cast<std::size_t>(std::clamp(col, 0, kMaxEmptyCellsKept));
            line.append(separators, '\t');
            std::size_t value_start = line.size();
            append_cell_value(c, wb, line);
            if (line.size() == value_start) {
                line.resize(before);  // an empty cell: leave the gap to the next one
            } else {
                // Tabs and newlines inside a cell would break the row layout.
                for (std::size_t k = value_start; k < line.size(); ++k) {
                    if (line[k] == '\t' || line[k] == '\n' || line[k] == '\r') line[k] = ' ';
                }
                any = true;
                next_col = col + 1;
            }
        }
        if (!any) continue;
        out.append(line);
        out.end_line();
    }
}

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
            std::string_view id = attribute_local(s, "id");
            for (const OpcRelationship& r : rels) {
                if (r.id == id && r.type_is("worksheet") && !r.external) wb.sheets.push_back({s.attribute("name").value(), r.target});
            }
        }
    }

    TextSink out(parts.text_cap());
    for (const Workbook::Sheet& sheet : wb.sheets) {
        if (out.full()) break;
        XmlPart xml;
        if (!parts.load(sheet.part, xml)) return parts.unreadable();
        out.blank_line();
        out.append(sheet.name);
        out.end_line();
        write_sheet(xml.doc.document_element(), wb, out);
    }
    return DocumentText{out.take(), Protection::none, {}};
}

}  // namespace chaperone::pii
