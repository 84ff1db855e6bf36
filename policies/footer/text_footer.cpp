// Text footer layout; see text_footer.h.
#include "policies/footer/text_footer.h"

namespace chaperone::policies::footer {

Newline detect_newline(std::string_view text) {
    return text.find("\r\n") != std::string_view::npos ? Newline::crlf : Newline::lf;
}

std::string with_newlines(std::string_view lf_text, Newline style) {
    if (style == Newline::lf) return std::string(lf_text);
    std::string out;
    out.reserve(lf_text.size() + lf_text.size() / 32 + 2);
    for (char c : lf_text) {
        if (c == '\n') out.push_back('\r');
        out.push_back(c);
    }
    return out;
}

std::string make_flowed_safe(std::string_view lf_text) {
    std::string out;
    out.reserve(lf_text.size() + 8);
    std::size_t start = 0;
    while (start <= lf_text.size()) {
        std::size_t end = lf_text.find('\n', start);
        if (end == std::string_view::npos) end = lf_text.size();
        std::string_view line = lf_text.substr(start, end - start);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        if (!line.empty() && (line.front() == ' ' || line.front() == '>' || line.substr(0, 5) == "From ")) out.push_back(' ');
        out.append(line);
        if (end == lf_text.size()) break;
        out.push_back('\n');
        start = end + 1;
    }
    return out;
}

void append_text_footer(std::string& text, std::string_view footer, Newline style) {
    std::string_view nl = style == Newline::crlf ? "\r\n" : "\n";
    std::string body = with_newlines(footer, style);
    text.reserve(text.size() + body.size() + 3 * nl.size());
    if (!text.empty()) {
        if (text.back() != '\n') text.append(nl);
        text.append(nl);
    }
    text.append(body);
    text.append(nl);
}

}  // namespace chaperone::policies::footer
