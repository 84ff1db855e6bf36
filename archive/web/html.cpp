// HTML escaping; see html.h.
#include "archive/web/html.h"

#include <glib.h>

namespace chaperone::archive::web {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

SafeHtml html_element(std::string_view name, std::string_view text,
                      const std::vector<std::pair<std::string, std::string>>& attributes) {
    std::string out = "<" + std::string(name);
    for (const auto& [key, value] : attributes) out += " " + key + "=\"" + html_escape(value) + "\"";
    out += ">" + html_escape(text) + "</" + std::string(name) + ">";
    return SafeHtml{std::move(out)};
}

std::string valid_utf8(std::string_view text) {
    gchar* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(fixed ? fixed : "");
    g_free(fixed);
    return out;
}

}  // namespace chaperone::archive::web
