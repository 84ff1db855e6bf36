// Word (docx) text: see document_readers.h for the layout.
#include <algorithm>
#include <vector>

#include "pii/extract/document_readers.h"
#include "pii/extract/text_sink.h"

namespace chaperone::pii {
namespace {

// Property containers (pPr, rPr, sectPr, tblPr, sdtPr, ...) hold formatting, never text.
bool is_properties(std::string_view name) { return name.size() > 2 && name.substr(name.size() - 2) == "Pr"; }

// The first mc:Choice of an mc:AlternateContent (the Fallback repeats the same text), or the
// Fallback when there is no Choice.
pugi::xml_node alternate_choice(const pugi::xml_node& alternate) {
    pugi::xml_node fallback;
    for (pugi::xml_node c : alternate.children()) {
        if (local_name(c) == "Choice") return c;
        if (local_name(c) == "Fallback") fallback = c;
    }
    return fallback;
}

class DocxWalker {
public:
    explicit DocxWalker(TextSink& out) : out_(out) {}

    // Block content: paragraphs, tables, and the containers around them.
    void block(const pugi::xml_node& node, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (out_.full()) return;
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "p") {
                paragraph(child, depth + 1);
            } else if (name == "tbl") {
                table(child, depth + 1);
            } else if (name == "AlternateContent") {
                if (pugi::xml_node choice = alternate_choice(child)) block(choice, depth + 1);
            } else if (!is_properties(name)) {
                block(child, depth + 1);
            }
        }
    }

private:
    void paragraph(const pugi::xml_node& p, int depth) {
        std::string line;
        std::vector<pugi::xml_node> anchored;  // text boxes and the like, written after the line
        inline_text(p, line, &anchored, depth);
        out_.append(line);
        out_.end_line(true);
        for (const pugi::xml_node& box : anchored) block(box, depth + 1);
    }

    // Run-level text of a paragraph. `anchored` collects block content met inside it; when
    // null (inside a table cell) that content is flattened into `line`.
    void inline_text(const pugi::xml_node& node, std::string& line, std::vector<pugi::xml_node>* anchored, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "t" || name == "delText") {
                line.append(child.text().get());
            } else if (name == "tab" || name == "ptab") {
                line.push_back(anchored ? '\t' : ' ');
            } else if (name == "br" || name == "cr") {
                line.push_back(anchored ? '\n' : ' ');
            } else if (name == "noBreakHyphen") {
                line.push_back('-');
            } else if (name == "instrText" || name == "delInstrText" || is_properties(name)) {
                continue;
            } else if (name == "AlternateContent") {
                if (pugi::xml_node choice = alternate_choice(child)) inline_text(choice, line, anchored, depth + 1);
            } else if (name == "txbxContent" || name == "p" || name == "tbl") {
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

    // Everything under `node` on one line: paragraphs and nested cells separated by spaces.
    void flat_text(const pugi::xml_node& node, std::string& line, int depth) {
        if (depth > kMaxXmlDepth) return;
        std::string_view name = local_name(node);
        if (name == "p") {
            std::size_t before = line.size();
            inline_text(node, line, nullptr, depth + 1);
            if (line.size() > before) line.push_back(' ');
            return;
        }
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element || is_properties(local_name(child))) continue;
            if (local_name(child) == "AlternateContent") {
                if (pugi::xml_node choice = alternate_choice(child)) flat_text(choice, line, depth + 1);
                continue;
            }
            flat_text(child, line, depth + 1);
        }
    }

    void table(const pugi::xml_node& tbl, int depth) {
        if (depth > kMaxXmlDepth) return;
        out_.end_line();
        rows(tbl, depth);
        out_.end_line();
    }

    void rows(const pugi::xml_node& node, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (out_.full()) return;
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "tr") {
                row(child, depth + 1);
            } else if (!is_properties(name) && name != "tblGrid") {
                rows(child, depth + 1);  // rows wrapped in sdt / customXml
            }
        }
    }

    void row(const pugi::xml_node& tr, int depth) {
        std::string line;
        bool first = true;
        collect_cells(tr, line, first, depth);
        while (!line.empty() && (line.back() == '\t' || line.back() == ' ')) line.pop_back();
        out_.append(line);
        out_.end_line();
    }

    void collect_cells(const pugi::xml_node& node, std::string& line, bool& first, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "tc") {
                if (!first) line.push_back('\t');
                first = false;
                std::string cell;
                flat_text(child, cell, depth + 1);
                while (!cell.empty() && cell.back() == ' ') cell.pop_back();
                line.append(cell);
            } else if (!is_properties(name)) {
                collect_cells(child, line, first, depth + 1);
            }
        }
    }

    TextSink& out_;
};

int part_order(const OpcRelationship& r) {
    if (r.type_is("header")) return 0;
    if (r.type_is("footer")) return 1;
    if (r.type_is("footnotes")) return 2;
    if (r.type_is("endnotes")) return 3;
    if (r.type_is("comments")) return 4;
    return -1;
}

}  // namespace

DocumentText read_docx(PackageParts& parts, const std::string& main_part) {
    XmlPart document;
    if (!parts.load(main_part, document)) return parts.unreadable();
    TextSink out(parts.text_cap());
    DocxWalker walker(out);
    walker.block(document.doc.document_element(), 0);

    std::vector<OpcRelationship> rels = read_relationships(parts, main_part);
    std::stable_sort(rels.begin(), rels.end(), [](const OpcRelationship& a, const OpcRelationship& b) {
        int oa = part_order(a), ob = part_order(b);
        return oa != ob ? oa < ob : a.target < b.target;
    });
    for (const OpcRelationship& r : rels) {
        if (out.full()) break;
        if (r.external || part_order(r) < 0) continue;
        XmlPart extra;
        if (!parts.load(r.target, extra, false)) {
            if (parts.failed()) return parts.unreadable();
            continue;
        }
        out.blank_line();
        walker.block(extra.doc.document_element(), 0);
    }
    if (parts.failed()) return parts.unreadable();
    return DocumentText{out.take(), Protection::none, {}};
}

}  // namespace chaperone::pii
