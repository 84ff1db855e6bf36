// Redacted excerpts around findings; see redacted_context.h.
#include "archive/quarantine/redacted_context.h"

#include <algorithm>

namespace chaperone::archive {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t back_to_boundary(std::string_view text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && continuation(static_cast<unsigned char>(text[pos]))) --pos;
    return pos;
}

}  // namespace

std::string redacted_context(std::string_view text, const QuarantineFinding& finding,
                             const std::vector<QuarantineFinding>& others, std::size_t radius) {
    if (finding.start >= text.size() || finding.end > text.size() || finding.start >= finding.end) {
        return "[" + finding.kind + "] (the text has changed since the scan; no context)";
    }
    std::size_t from = back_to_boundary(text, finding.start > radius ? finding.start - radius : 0);
    std::size_t to = back_to_boundary(text, std::min(text.size(), static_cast<std::size_t>(finding.end) + radius));
    // Every finding overlapping the window is masked, and widens it if it crosses an edge.
    std::vector<const QuarantineFinding*> masks;
    for (const auto& o : others) {
        if (o.end <= from || o.start >= to || o.start >= o.end || o.end > text.size()) continue;
        masks.push_back(&o);
        from = std::min<std::size_t>(from, o.start);
        to = std::max<std::size_t>(to, o.end);
    }
    bool self_listed = std::any_of(masks.begin(), masks.end(), [&](const QuarantineFinding* m) {
        return m->start == finding.start && m->end == finding.end;
    });
    if (!self_listed) masks.push_back(&finding);
    std::sort(masks.begin(), masks.end(), [](const auto* a, const auto* b) { return a->start < b->start; });

    std::string out = from > 0 ? "..." : "";
    std::size_t pos = from;
    for (const QuarantineFinding* m : masks) {
        if (m->start > pos) out.append(text.substr(pos, m->start - pos));
        if (m->end > pos) {
            out += "[" + m->kind + "]";
            pos = m->end;
        }
    }
    if (to > pos) out.append(text.substr(pos, to - pos));
    if (to < text.size()) out += "...";
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

}  // namespace chaperone::archive
