// Footer presence by comparable text; see footer_presence.h.
#include "policies/footer/footer_presence.h"

#include "policies/footer/html_text.h"

namespace chaperone::policies::footer {

std::string comparison_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool at_line_start = true;
    bool pending_space = false;
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
        if (c == '\n') {
            at_line_start = true;
            pending_space = true;
            ++i;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
            pending_space = true;
            i += nbsp ? 2 : 1;
        } else if (c == '>' && at_line_start) {
            pending_space = true;  // a quote marker: "> > text" and ">>text" both read as "text"
            ++i;
        } else {
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            at_line_start = false;
            out.push_back(static_cast<char>(c));
            ++i;
        }
    }
    return out;
}

std::vector<std::string> footer_needles(std::string_view text, std::string_view html) {
    std::vector<std::string> needles;
    std::string from_text = comparison_text(text);
    if (!from_text.empty()) needles.push_back(std::move(from_text));
    std::string from_html = comparison_text(html_to_text(html));
    if (!from_html.empty() && (needles.empty() || needles.front() != from_html)) needles.push_back(std::move(from_html));
    return needles;
}

bool contains_footer(std::string_view comparable_haystack, const std::vector<std::string>& needles) {
    for (const auto& needle : needles) {
        if (comparable_haystack.find(needle) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace chaperone::policies::footer
