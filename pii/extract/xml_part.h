// XML parts of Office packages (OOXML, ODF) parsed with pugixml, and small helpers shared
// by their readers.
//
// Parsing is in place over the inflated bytes (no copy). pugixml expands no DTD entities,
// so entity-expansion bombs do not apply; walkers over the tree must bound their depth
// (kMaxXmlDepth) because hostile documents can nest elements a million deep.
//
// Thread-safety: an XmlPart belongs to one reader.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace chaperone::pii {

inline constexpr int kMaxXmlDepth = 256;

struct XmlPart {
    std::string bytes;  // the buffer pugixml parsed in place; must live as long as doc
    pugi::xml_document doc;
    std::string error;  // empty when parsed
    bool ok() const { return error.empty(); }
};

// How whitespace-only text nodes are kept. OOXML: only when an element's only child
// (<w:t xml:space="preserve"> </w:t> is a real space between two runs; the rest is
// indentation). ODF: always (<text:span>Oliver</text:span> <text:span>Bennett</text:span>).
enum class XmlSpace { sole_child, all };

// Parses `bytes` (taken over).
void parse_xml_part(std::string bytes, XmlPart& part, XmlSpace space = XmlSpace::sole_child);

// "w:p" -> "p"; namespaces are matched by local name, because prefixes are only a convention.
inline std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The value of the attribute whose local name is `name` ("r:id" matches "id"), or "".
std::string_view attribute_local(const pugi::xml_node& node, std::string_view name);

// Concatenated text of every descendant element with local name `text_element` ("t").
std::string descendant_text(const pugi::xml_node& node, std::string_view text_element);

}  // namespace chaperone::pii
