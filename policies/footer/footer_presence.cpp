// Footer presence by comparable text; see footer_presence.h.
#include "policies/footer/footer_presence.h"

#include "policies/footer/html_text.h"

namespace chaperone::policies::footer {

std::string comparison_text(std::string_view text) {
    // The output is never longer than the input: write through a pointer, trim at the end.
    std::string out(text.size(), '\0');
    char* w = out.data();
    char* const begin = w;
    const char* p = text.data();
    const char* const end = p + text.size();
    bool at_line_start = true;
    bool pending_space = false;
    while (p < end) {
        auto c = static_cast<unsigned char>(*p);
        if (c == '\n') {
            at_line_start = true;
            pending_space = true;
            ++p;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = true;
            ++p;
        } else if (c == 0xC2 && p + 1 < end && static_cast<unsigned char>(p[1]) == 0xA0) {
            pending_space = true;  // no-break space
            p += 2;
        } else if (c == '>' && at_line_start) {
            pending_space = true;  // a quote marker: "> > text" and ">>text" both read as "text"
            ++p;
        } else {
            if (pending_space && w != begin) *w++ = ' ';
            pending_space = false;
            at_line_start = false;
            *w++ = static_cast<char>(c);
            ++p;
        }
    }
    out.resize(static_cast<std::size_t>(w - begin));
    return out;
}

namespace {

// Bytes comparison_text() drops or replaces: whitespace, '>' (a quote marker at a line start)
// and the two bytes of a UTF-8 no-break space.
bool normalised_away(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == '>' || c == 0xC2 ||
           c == 0xA0;
}

std::string longest_stable_run(std::string_view comparable) {
    std::size_t best_start = 0, best_length = 0, start = 0;
    for (std::size_t i = 0; i <= comparable.size(); ++i) {
        if (i == comparable.size() || normalised_away(static_cast<unsigned char>(comparable[i]))) {
            if (i - start > best_length) {
                best_start = start;
                best_length = i - start;
            }
            start = i + 1;
        }
    }
    return std::string(comparable.substr(best_start, best_length));
}

FooterNeedle make_needle(std::string comparable) {
    FooterNeedle needle;
    needle.anchor = longest_stable_run(comparable);
    needle.comparable = std::move(comparable);
    return needle;
}

}  // namespace

std::vector<FooterNeedle> footer_needles(std::string_view text, std::string_view html) {
    std::vector<FooterNeedle> needles;
    std::string from_text = comparison_text(text);
    if (!from_text.empty()) needles.push_back(make_needle(std::move(from_text)));
    std::string from_html = comparison_text(html_to_text(html));
    if (!from_html.empty() && (needles.empty() || needles.front().comparable != from_html))
        needles.push_back(make_needle(std::move(from_html)));
    return needles;
}

bool contains_footer(std::string_view visible_text, const std::vector<FooterNeedle>& needles) {
    std::string comparable;
    bool normalised = false;
    for (const auto& needle : needles) {
        if (!needle.anchor.empty() && visible_text.find(needle.anchor) == std::string_view::npos) continue;
        if (!normalised) {
            comparable = comparison_text(visible_text);
            normalised = true;
        }
        if (comparable.find(needle.comparable) != std::string::npos) return true;
    }
    return false;
}

}  // namespace chaperone::policies::footer
