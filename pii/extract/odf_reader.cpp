// OpenDocument (odt, ods, odp, odg) text; see document_readers.h.
//
// Spreadsheet cells repeat with table:number-columns-repeated / number-rows-repeated (a
// sheet is often one empty row repeated a million times): empty repeats cost nothing, and
// non-empty ones are written at most kMaxRepeatedCells / kMaxRepeatedRows times.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "pii/extract/document_readers.h"
#include "pii/extract/spreadsheet_values.h"
#include "pii/extract/text_sink.h"

namespace chaperone::pii {
namespace {

constexpr long kMaxRepeatedCells = 64;
constexpr long kMaxRepeatedRows = 100;
constexpr long kMaxEmptyCellsKept = 64;
constexpr long kMaxSpaces = 64;  // <text:s text:c="1000000"/>

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Appends pcdata with whitespace runs collapsed to one space (ODF's whitespace rule).
void append_collapsed(std::string& line, std::string_view text) {
    for (char c : text) {
        if (is_space(c)) {
            if (!line.empty() && line.back() != ' ') line.push_back(' ');
        } else {
            line.push_back(c);
        }
    }
}

// Elements that carry declarations or metadata, never document text.
bool is_skipped(std::string_view name) {
    return name == "sequence-decls" || name == "variable-decls" || name == "user-field-decls" || name == "forms" ||
           name == "scripts" || name == "note-citation" || name == "creator" || name == "date" ||
           name == "table-columns" || name == "table-column" || name == "table-column-group" ||
           name == "named-expressions" || name == "database-ranges" || name == "calculation-settings" ||
           name == "content-validations" || name == "label-ranges" || name == "page-thumbnail" ||
           name == "dde-links" || name == "data-pilot-tables" || name == "tracked-changes-info";
}

class OdfWalker {
public:
    OdfWalker(TextSink& out, bool sheet_names) : out_(out), sheet_names_(sheet_names) {}

    void block(const pugi::xml_node& node, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (out_.full()) return;
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "p" || name == "h") {
                paragraph(child, depth + 1);
            } else if (name == "table") {
                table(child, depth + 1);
            } else if (name == "page") {  // a presentation slide
                out_.blank_line();
                block(child, depth + 1);
            } else if (!is_skipped(name)) {
                block(child, depth + 1);
            }
        }
    }

private:
    void paragraph(const pugi::xml_node& p, int depth) {
        std::string line;
        std::vector<pugi::xml_node> anchored;
        inline_text(p, line, &anchored, depth);
        out_.append(line);
        out_.end_line(true);
        for (const pugi::xml_node& n : anchored) block(n, depth + 1);
    }

    void inline_text(const pugi::xml_node& node, std::string& line, std::vector<pugi::xml_node>* anchored, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
                append_collapsed(line, child.value());
                continue;
            }
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "s") {
                long count = std::clamp<long>(child.attribute("text:c").as_int(1), 1, kMaxSpaces);
                line.append(static_cast<std::size_t>(count), ' ');
            } else if (name == "tab") {
                line.push_back(anchored ? '\t' : ' ');
            } else if (name == "line-break") {
                line.push_back(anchored ? '\n' : ' ');
            } else if (is_skipped(name)) {
                continue;
            } else if (name == "note-body" || name == "frame" || name == "annotation" || name == "p" || name == "h" ||
                       name == "table" || name == "custom-shape") {
                if (anchored) {
                    anchored->push_back(child);
                } else {
                    if (!line.empty() && line.back() != ' ') line.push_back(' ');
                    flat_text(child, line, depth + 1);
                }
            } else {
                inline_text(child, line, anchored, depth + 1);
            }
        }
    }

    void flat_text(const pugi::xml_node& node, std::string& line, int depth) {
        if (depth > kMaxXmlDepth) return;
        std::string_view name = local_name(node);
        if (name == "p" || name == "h") {
            std::size_t before = line.size();
            inline_text(node, line, nullptr, depth + 1);
            if (line.size() > before && line.back() != ' ') line.push_back(' ');
            return;
        }
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element || is_skipped(local_name(child))) continue;
            flat_text(child, line, depth + 1);
        }
    }

    void table(const pugi::xml_node& table, int depth) {
        out_.end_line();
        if (sheet_names_) {
            out_.blank_line();
            out_.append(table.attribute("table:name").value());
            out_.end_line();
        }
        rows(table, depth);
        out_.end_line();
    }

    void rows(const pugi::xml_node& node, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (out_.full()) return;
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "table-row") {
                row(child, depth + 1);
            } else if (name == "table-header-rows" || name == "table-rows" || name == "table-row-group") {
                rows(child, depth + 1);
            }
        }
    }

    std::string cell_text(const pugi::xml_node& cell, int depth) {
        std::string_view type = cell.attribute("office:value-type").value();
        if (type == "date") {
            std::string date = format_iso_date(cell.attribute("office:date-value").value());
            if (!date.empty()) return date;
        }
        std::string text;
        flat_text(cell, text, depth);
        while (!text.empty() && text.back() == ' ') text.pop_back();
        for (char& c : text) {
            if (c == '\t' || c == '\n') c = ' ';
        }
        return text;
    }

    void row(const pugi::xml_node& tr, int depth) {
        std::string line;
        long col = 0;       // column of the next cell
        long next_col = 0;  // column after the last value written
        bool any = false;
        for (pugi::xml_node cell : tr.children()) {
            std::string_view name = local_name(cell);
            if (name != "table-cell" && name != "covered-table-cell") continue;
            long repeat = std::clamp<long>(cell.attribute("table:number-columns-repeated").as_int(1), 1, 1 << 20);
            std::string text = cell_text(cell, depth + 1);
            if (text.empty()) {
                col += repeat;
                continue;
            }
            long copies = std::min(repeat, kMaxRepeatedCells);
            for (long k = 0; k < copies; ++k) {
                long here = col + k;
                std::size_t separators = any ? 1 + static_cast<std::size_t>(std::clamp(here - next_col, 0L, kMaxEmptyCellsKept))
                                             : static_cast<std::size_t>(std::clamp(here, 0L, kMaxEmptyCellsKept));
                line.append(separators, '\t');
                line.append(text);
                any = true;
                next_col = here + 1;
            }
            col += repeat;
        }
        if (!any) return;
        long rows = std::clamp<long>(tr.attribute("table:number-rows-repeated").as_int(1), 1, kMaxRepeatedRows);
        for (long k = 0; k < rows && !out_.full(); ++k) {
            out_.append(line);
            out_.end_line();
        }
    }

    TextSink& out_;
    bool sheet_names_;
};

// The encryption a manifest declares for the package's entries, or "" when none.
std::string manifest_encryption(const XmlPart& manifest) {
    for (pugi::xml_node entry : manifest.doc.document_element().children()) {
        for (pugi::xml_node data : entry.children()) {
            if (local_name(data) != "encryption-data") continue;
            for (pugi::xml_node algorithm : data.children()) {
                if (local_name(algorithm) != "algorithm") continue;
                std::string_view name = attribute_local(algorithm, "algorithm-name");
                if (name.find("aes256") != std::string_view::npos) return "AES-256";
                if (name.find("Blowfish") != std::string_view::npos || name.find("blowfish") != std::string_view::npos) {
                    return "Blowfish";
                }
                if (!name.empty()) return std::string(name.substr(name.rfind('#') == std::string_view::npos ? 0 : name.rfind('#') + 1));
            }
            return "unknown algorithm";
        }
    }
    return {};
}

}  // namespace

DocumentText read_odf(PackageParts& parts, OdfKind kind) {
    XmlPart manifest;
    if (parts.load("META-INF/manifest.xml", manifest, false)) {
        std::string algorithm = manifest_encryption(manifest);
        if (!algorithm.empty()) {
            return DocumentText{{}, Protection::encrypted_odf, fmt::format("OpenDocument encrypted with a password ({})", algorithm)};
        }
    }
    if (parts.failed()) return parts.unreadable();
    XmlPart content;
    if (!parts.load("content.xml", content, true, XmlSpace::all)) return parts.unreadable();
    TextSink out(parts.text_cap());
    OdfWalker walker(out, kind == OdfKind::spreadsheet);
    pugi::xml_node root = content.doc.document_element();
    for (pugi::xml_node child : root.children()) {
        if (local_name(child) == "body") walker.block(child, 0);
    }
    if (kind == OdfKind::text) {
        XmlPart styles;
        if (parts.load("styles.xml", styles, false, XmlSpace::all)) {
            for (pugi::xml_node section : styles.doc.document_element().children()) {
                if (local_name(section) != "master-styles") continue;
                for (pugi::xml_node page : section.children()) {
                    for (pugi::xml_node region : page.children()) {
                        std::string_view name = local_name(region);
                        if (name.rfind("header", 0) == 0 || name.rfind("footer", 0) == 0) {
                            if (name.find("style") != std::string_view::npos) continue;  // header-style: formatting
                            out.blank_line();
                            walker.block(region, 1);
                        }
                    }
                }
            }
        }
        if (parts.failed()) return parts.unreadable();
    }
    return DocumentText{out.take(), Protection::none, {}};
}

}  // namespace chaperone::pii
