// PowerPoint (pptx) text: slides in order, each slide's shapes and tables, then its notes
// and comments; see document_readers.h.
#include <vector>

#include "pii/extract/document_readers.h"
#include "pii/extract/text_sink.h"

namespace chaperone::pii {
namespace {

constexpr std::size_t kMaxSlides = 5000;

pugi::xml_node child_local(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_node c : node.children()) {
        if (local_name(c) == name) return c;
    }
    return {};
}

// Slide-number and date placeholders hold field text PowerPoint fills in, not content.
bool is_automatic_placeholder(const pugi::xml_node& shape) {
    for (pugi::xml_node nv : shape.children()) {
        std::string_view name = local_name(nv);
        if (name != "nvSpPr") continue;
        pugi::xml_node ph = child_local(child_local(nv, "nvPr"), "ph");
        std::string_view type = ph.attribute("type").value();
        return type == "sldNum" || type == "dt" || type == "sldImg";
    }
    return false;
}

class SlideWalker {
public:
    explicit SlideWalker(TextSink& out) : out_(out) {}

    void walk(const pugi::xml_node& node, int depth) {
        if (depth > kMaxXmlDepth) return;
        for (pugi::xml_node child : node.children()) {
            if (out_.full()) return;
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child);
            if (name == "txBody") {
                text_body(child);
            } else if (name == "tbl") {
                table(child, depth + 1);
            } else if (name == "sp" && is_automatic_placeholder(child)) {
                continue;
            } else if (name == "text") {  // legacy comment text
                out_.append(child.text().get());
                out_.end_line();
            } else if (name == "AlternateContent") {
                for (pugi::xml_node c : child.children()) {
                    if (local_name(c) == "Choice" || local_name(c) == "Fallback") {
                        walk(c, depth + 1);
                        break;
                    }
                }
            } else if (name.size() > 2 && name.substr(name.size() - 2) == "Pr") {
                continue;  // properties
            } else {
                walk(child, depth + 1);
            }
        }
    }

private:
    static void paragraph_text(const pugi::xml_node& p, std::string& line, char line_break) {
        for (pugi::xml_node r : p.children()) {
            std::string_view name = local_name(r);
            if (name == "r" || name == "fld") {
                if (pugi::xml_node t = child_local(r, "t")) line.append(t.text().get());
            } else if (name == "br") {
                line.push_back(line_break);
            }
        }
    }

    void text_body(const pugi::xml_node& body) {
        for (pugi::xml_node p : body.children()) {
            if (local_name(p) != "p") continue;
            std::string line;
            paragraph_text(p, line, '\n');
            out_.append(line);
            out_.end_line();
        }
    }

    void table(const pugi::xml_node& tbl, int depth) {
        for (pugi::xml_node tr : tbl.children()) {
            if (local_name(tr) != "tr") continue;
            std::string line;
            bool first = true;
            for (pugi::xml_node tc : tr.children()) {
                if (local_name(tc) != "tc") continue;
                if (!first) line.push_back('\t');
                first = false;
                pugi::xml_node body = child_local(tc, "txBody");
                bool first_paragraph = true;
                for (pugi::xml_node p : body.children()) {
                    if (local_name(p) != "p") continue;
                    std::string text;
                    paragraph_text(p, text, ' ');
                    if (text.empty()) continue;
                    if (!first_paragraph) line.push_back(' ');
                    first_paragraph = false;
                    line.append(text);
                }
            }
            while (!line.empty() && line.back() == '\t') line.pop_back();
            out_.append(line);
            out_.end_line();
        }
    }

    TextSink& out_;
};

}  // namespace

DocumentText read_pptx(PackageParts& parts, const std::string& main_part) {
    XmlPart presentation;
    if (!parts.load(main_part, presentation)) return parts.unreadable();
    std::vector<OpcRelationship> rels = read_relationships(parts, main_part);
    std::vector<std::string> slides;
    if (pugi::xml_node list = child_local(presentation.doc.document_element(), "sldIdLst")) {
        for (pugi::xml_node id : list.children()) {
            if (local_name(id) != "sldId" || slides.size() >= kMaxSlides) continue;
            std::string_view rid = attribute_local(id, "id");
            for (const OpcRelationship& r : rels) {
                if (r.id == rid && r.type_is("slide") && !r.external) slides.push_back(r.target);
            }
        }
    }
    if (parts.failed()) return parts.unreadable();

    TextSink out(parts.text_cap());
    SlideWalker walker(out);
    for (const std::string& slide : slides) {
        if (out.full()) break;
        XmlPart xml;
        if (!parts.load(slide, xml)) return parts.unreadable();
        out.blank_line();
        walker.walk(xml.doc.document_element(), 0);
        for (const OpcRelationship& r : read_relationships(parts, slide)) {
            if (r.external || !(r.type_is("notesSlide") || r.type_is("comments"))) continue;
            XmlPart extra;
            if (!parts.load(r.target, extra, false)) {
                if (parts.failed()) return parts.unreadable();
                continue;
            }
            walker.walk(extra.doc.document_element(), 0);
        }
    }
    if (parts.failed()) return parts.unreadable();
    return DocumentText{out.take(), Protection::none, {}};
}

}  // namespace chaperone::pii
