// XML helpers; see xml_part.h.
#include "pii/extract/xml_part.h"

#include <vector>

namespace chaperone::pii {

void parse_xml_part(std::string bytes, XmlPart& part, XmlSpace space) {
    part.bytes = std::move(bytes);
    part.error.clear();
    const unsigned flags = pugi::parse_escapes | pugi::parse_cdata |
                           (space == XmlSpace::all ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
    pugi::xml_parse_result r = part.doc.load_buffer_inplace(part.bytes.data(), part.bytes.size(), flags, pugi::encoding_auto);
    if (!r) part.error = std::string("malformed XML: ") + r.description();
}

std::string_view attribute_local(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        std::string_view full = a.name();
        std::size_t colon = full.find(':');
        std::string_view local = colon == std::string_view::npos ? full : full.substr(colon + 1);
        if (local == name) return a.value();
    }
    return {};
}

std::string descendant_text(const pugi::xml_node& node, std::string_view text_element) {
    std::string out;
    // Iterative pre-order walk, bounded in depth.
    struct Frame {
        pugi::xml_node node;
        int depth;
    };
    std::vector<Frame> stack;
    for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) stack.push_back({child, 1});
    while (!stack.empty()) {
        Frame f = stack.back();
        stack.pop_back();
        if (f.node.type() != pugi::node_element) continue;
        if (local_name(f.node) == text_element) {
            out.append(f.node.text().get());
            continue;
        }
        if (f.depth >= kMaxXmlDepth) continue;
        for (pugi::xml_node child = f.node.last_child(); child; child = child.previous_sibling()) stack.push_back({child, f.depth + 1});
    }
    return out;
}

}  // namespace chaperone::pii
