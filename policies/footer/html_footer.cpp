// HTML footer placement; see html_footer.h.
#include "policies/footer/html_footer.h"

#include <gmime/gmime.h>
#include <string.h>

namespace chaperone::policies::footer {

std::size_t find_last_closing_tag(std::string_view html, std::string_view name) {
    // memrchr finds each '<' from the end quickly; most are not "</name".
    std::size_t limit = html.size();
    while (limit > 0) {
        const void* found = memrchr(html.data(), '<', limit);
        if (!found) return std::string_view::npos;
        std::size_t lt = static_cast<std::size_t>(static_cast<const char*>(found) - html.data());
        std::size_t after = lt + 2 + name.size();
        if (after <= html.size() && html[lt + 1] == '/' &&
            g_ascii_strncasecmp(html.data() + lt + 2, name.data(), name.size()) == 0 &&
            (after == html.size() || html[after] == '>' || g_ascii_isspace(html[after]))) {
            return lt;
        }
        limit = lt;
    }
    return std::string_view::npos;
}

void insert_html_footer(std::string& html, std::string_view footer, Newline style) {
    std::string_view nl = style == Newline::crlf ? "\r\n" : "\n";
    std::size_t at = find_last_closing_tag(html, "body");
    if (at == std::string::npos) at = find_last_closing_tag(html, "html");
    if (at == std::string::npos) at = html.size();

    std::string block;
    block.reserve(footer.size() + 8);
    if (at > 0 && html[at - 1] != '\n') block.append(nl);
    block.append(with_newlines(footer, style));
    block.append(nl);
    html.insert(at, block);
}

}  // namespace chaperone::policies::footer
