// PackageParts and OPC helpers; see package_parts.h.
#include "pii/extract/package_parts.h"

#include <fmt/format.h>

namespace chaperone::pii {

bool PackageParts::load_bytes(std::string_view name, std::string& out, bool missing_is_error) {
    const ZipEntry* entry = zip_.find(name);
    if (!entry) {
        if (missing_is_error) fail(fmt::format("part {} is missing", name));
        return false;
    }
    EntryRead read = zip_.read(*entry, state_);
    if (!read.ok()) {
        if (!read.limit.empty()) state_.hit(where_, read.limit, fmt::format("{}: {}", name, read.error));
        fail(fmt::format("{}: {}", name, read.error));
        return false;
    }
    out = std::move(read.bytes);
    return true;
}

bool PackageParts::load(std::string_view name, XmlPart& out, bool missing_is_error, XmlSpace space) {
    std::string bytes;
    if (!load_bytes(name, bytes, missing_is_error)) return false;
    parse_xml_part(std::move(bytes), out, space);
    if (!out.ok()) {
        fail(fmt::format("{}: {}", name, out.error));
        return false;
    }
    return true;
}

bool OpcRelationship::type_is(std::string_view suffix) const {
    if (type.size() <= suffix.size()) return false;
    return type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           type[type.size() - suffix.size() - 1] == '/';
}

std::string resolve_part_name(std::string_view source_part, std::string_view target) {
    std::string base;
    if (!target.empty() && target.front() == '/') {
        target.remove_prefix(1);
    } else {
        std::size_t slash = source_part.rfind('/');
        if (slash != std::string_view::npos) base = std::string(source_part.substr(0, slash));
    }
    std::vector<std::string> segments;
    auto push_path = [&](std::string_view path) {
        while (!path.empty()) {
            std::size_t slash = path.find('/');
            std::string_view seg = path.substr(0, slash);
            if (seg == "..") {
                if (!segments.empty()) segments.pop_back();
            } else if (!seg.empty() && seg != ".") {
                segments.emplace_back(seg);
            }
            if (slash == std::string_view::npos) break;
            path.remove_prefix(slash + 1);
        }
    };
    push_path(base);
    push_path(target);
    std::string out;
    for (const std::string& s : segments) {
        if (!out.empty()) out.push_back('/');
        out += s;
    }
    return out;
}

std::vector<OpcRelationship> read_relationships(PackageParts& parts, std::string_view part) {
    std::string rels_name;
    std::size_t slash = part.rfind('/');
    if (part.empty()) {
        rels_name = "_rels/.rels";
    } else if (slash == std::string_view::npos) {
        rels_name = fmt::format("_rels/{}.rels", part);
    } else {
        rels_name = fmt::format("{}/_rels/{}.rels", part.substr(0, slash), part.substr(slash + 1));
    }
    std::vector<OpcRelationship> out;
    XmlPart xml;
    if (!parts.load(rels_name, xml, false)) return out;
    constexpr std::size_t kMaxRelationships = 10000;
    for (pugi::xml_node rel : xml.doc.document_element().children()) {
        if (local_name(rel) != "Relationship") continue;
        if (out.size() >= kMaxRelationships) break;
        OpcRelationship r;
        r.id = rel.attribute("Id").value();
        r.type = rel.attribute("Type").value();
        std::string_view mode = rel.attribute("TargetMode").value();
        r.external = mode == "External";
        r.target = r.external ? rel.attribute("Target").value()
                              : resolve_part_name(part.empty() ? std::string_view("x") : part, rel.attribute("Target").value());
        out.push_back(std::move(r));
    }
    return out;
}

OoxmlPackage identify_ooxml(PackageParts& parts) {
    OoxmlPackage pkg;
    XmlPart types;
    if (parts.load("[Content_Types].xml", types, false)) {
        for (pugi::xml_node o : types.doc.document_element().children()) {
            if (local_name(o) != "Override") continue;
            std::string_view type = o.attribute("ContentType").value();
            if (type.size() < 9 || type.substr(type.size() - 9) != ".main+xml") {
                if (type != "application/vnd.ms-excel.sheet.binary.macroEnabled.main") continue;
            }
            std::string_view name = o.attribute("PartName").value();
            OoxmlKind kind = OoxmlKind::unknown;
            if (type.find("wordprocessingml") != std::string_view::npos || type.find("ms-word.") != std::string_view::npos) {
                kind = OoxmlKind::docx;
            } else if (type.find("sheet.binary") != std::string_view::npos) {
                kind = OoxmlKind::xlsb;
            } else if (type.find("spreadsheetml") != std::string_view::npos || type.find("ms-excel.") != std::string_view::npos) {
                kind = OoxmlKind::xlsx;
            } else if (type.find("presentationml") != std::string_view::npos ||
                       type.find("ms-powerpoint.") != std::string_view::npos) {
                kind = OoxmlKind::pptx;
            }
            if (kind == OoxmlKind::unknown) continue;
            pkg.kind = kind;
            pkg.main_part = resolve_part_name("", name);
            return pkg;
        }
    }
    // No (usable) content types: fall back on the part names every producer uses.
    if (parts.has("word/document.xml")) return {OoxmlKind::docx, "word/document.xml"};
    if (parts.has("xl/workbook.xml")) return {OoxmlKind::xlsx, "xl/workbook.xml"};
    if (parts.has("ppt/presentation.xml")) return {OoxmlKind::pptx, "ppt/presentation.xml"};
    if (parts.has("xl/workbook.bin")) return {OoxmlKind::xlsb, "xl/workbook.bin"};
    return pkg;
}

}  // namespace chaperone::pii
