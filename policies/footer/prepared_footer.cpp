// Footer forms; see prepared_footer.h.
#include "policies/footer/prepared_footer.h"

#include "policies/footer/footer_presence.h"
#include "policies/footer/html_text.h"

namespace chaperone::policies::footer {
namespace {

// CRLF and lone CR become LF; trailing newlines and spaces go.
std::string lf_trimmed(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '\r') {
            if (i + 1 < in.size() && in[i + 1] == '\n') continue;
            out.push_back('\n');
        } else {
            out.push_back(in[i]);
        }
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
    return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// The html's visible text, one line per block: each line trimmed, blank lines dropped.
std::string text_from_html(std::string_view html) {
    std::string visible = html_to_text(html);
    std::string out;
    std::size_t start = 0;
    while (start <= visible.size()) {
        std::size_t end = visible.find('\n', start);
        if (end == std::string::npos) end = visible.size();
        std::string_view line(visible.data() + start, end - start);
        std::size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos) {
            if (!out.empty()) out.push_back('\n');
            out.append(line.substr(first, line.find_last_not_of(" \t") - first + 1));
        }
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string html_escape_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 32);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "<br>\n"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

PreparedFooter prepare_footer(std::string_view text, std::string_view html) {
    PreparedFooter footer;
    footer.text = lf_trimmed(text);
    footer.html = lf_trimmed(html);
    if (blank(footer.text)) footer.text.clear();
    if (blank(footer.html)) footer.html.clear();
    if (footer.text.empty() && !footer.html.empty()) footer.text = lf_trimmed(text_from_html(footer.html));
    if (footer.html.empty() && !footer.text.empty())
        footer.html = "<div class=\"chaperone-disclaimer\">" + html_escape_lines(footer.text) + "</div>";
    footer.needles = footer_needles(footer.text, footer.html);
    if (footer.needles.empty()) {
        // Markup without visible text (an image only, say) cannot be recognised again later,
        // so it is treated as no footer at all rather than added on every pass.
        footer.text.clear();
        footer.html.clear();
    }
    return footer;
}

}  // namespace chaperone::policies::footer
