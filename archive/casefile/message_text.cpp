// Message text for people to read; see message_text.h.
#include "archive/casefile/message_text.h"

#include <glib.h>

#include "archive/casefile/mime_walk.h"
#include "archive/casefile/text_util.h"

namespace chaperone::archive {
namespace {

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view prefix) {
    return s.size() - pos >= prefix.size() && iequals(s.substr(pos, prefix.size()), prefix);
}

void append_codepoint(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    char buffer[8];
    int n = g_unichar_to_utf8(static_cast<gunichar>(cp), buffer);
    out.append(buffer, static_cast<std::size_t>(n));
}

std::string collapse_blank_lines(const std::string& text) {
    std::string out;
    int newlines = 0;
    for (char c : text) {
        if (c == '\n') {
            if (++newlines > 2) continue;
        } else if (c != ' ' && c != '\t') {
            newlines = 0;
        }
        out.push_back(c);
    }
    return trim(out);
}

}  // namespace

std::string strip_html(std::string_view html) {
    static const char* kBreakTags[] = {"br", "p", "/p", "div", "/div", "tr", "/tr", "li", "h1", "h2", "h3",
                                       "/h1", "/h2", "/h3", "table", "/table", "blockquote", "/blockquote"};
    std::string out;
    std::size_t i = 0;
    while (i < html.size() && out.size() < kMaxMessageTextBytes) {
        char c = html[i];
        if (c == '<') {
            if (starts_with_ci(html, i, "<script") || starts_with_ci(html, i, "<style")) {
                std::string_view close = starts_with_ci(html, i, "<script") ? "</script" : "</style";
                std::size_t end = ascii_lower(html.substr(i)).find(close);
                i = end == std::string::npos ? html.size() : i + end + close.size();
                auto gt = html.find('>', i);
                i = gt == std::string_view::npos ? html.size() : gt + 1;
                continue;
            }
            if (starts_with_ci(html, i, "<!--")) {
                auto end = html.find("-->", i);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            auto gt = html.find('>', i);
            if (gt == std::string_view::npos) break;
            std::string tag = ascii_lower(html.substr(i + 1, gt - i - 1));
            std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/", tag[0] == '/' ? 1 : 0));
            for (const char* b : kBreakTags) {
                if (name == b) {
                    out.push_back('\n');
                    break;
                }
            }
            if (name == "li") out += "- ";
            i = gt + 1;
            continue;
        }
        if (c == '&') {
            auto semi = html.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 10) {
                std::string entity(html.substr(i + 1, semi - i - 1));
                bool known = true;
                if (entity == "amp") out += '&';
                else if (entity == "lt") out += '<';
                else if (entity == "gt") out += '>';
                else if (entity == "quot") out += '"';
                else if (entity == "apos" || entity == "#39") out += '\'';
                else if (entity == "nbsp") out += ' ';
                else if (!entity.empty() && entity[0] == '#') {
                    char* end = nullptr;
                    unsigned long cp = (entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X'))
                                           ? std::strtoul(entity.c_str() + 2, &end, 16)
                                           : std::strtoul(entity.c_str() + 1, &end, 10);
                    if (end && *end == '\0') append_codepoint(out, cp);
                    else known = false;
                } else {
                    known = false;
                }
                if (known) {
                    i = semi + 1;
                    continue;
                }
            }
        }
        if (c == '\r') {
            ++i;
            continue;
        }
        // HTML source line breaks are spaces; the tags above make the real ones.
        out.push_back(c == '\n' ? ' ' : c);
        ++i;
    }
    // Trim spaces at line starts left by indentation in the source.
    std::string cleaned;
    bool line_start = true;
    for (char ch : out) {
        if (line_start && (ch == ' ' || ch == '\t')) continue;
        cleaned.push_back(ch);
        line_start = ch == '\n';
    }
    return collapse_blank_lines(cleaned);
}

std::string message_text(const pii::MimeMessage& message, const policies::LimitsConfig& limits) {
    GMimePart* plain = nullptr;
    GMimePart* html = nullptr;
    for_each_leaf(message.body(), limits.max_mime_parts, [&](const LeafPart& leaf) {
        if (leaf.attachment || !leaf.part) return;
        std::string type = pii::mime_type_of(leaf.object);
        if (type == "text/plain" && !plain) plain = leaf.part;
        if (type == "text/html" && !html) html = leaf.part;
    });
    GMimePart* chosen = plain ? plain : html;
    if (!chosen) return {};
    std::string bytes = pii::decoded_part_bytes(chosen, kMaxMessageTextBytes);
    GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(chosen));
    const char* charset = type ? g_mime_content_type_get_parameter(type, "charset") : nullptr;
    std::string text = to_lf(pii::to_utf8(bytes, charset));
    return plain ? text : strip_html(text);
}

}  // namespace chaperone::archive
