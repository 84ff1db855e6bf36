// HTML to visible text for footer comparison; see html_text.h.
#include "policies/footer/html_text.h"

#include <gmime/gmime.h>

#include <array>
#include <cstring>

namespace chaperone::policies::footer {
namespace {

constexpr std::size_t kMaxEntityName = 10;  // longest reference name we look up ("thinsp;" etc.)
constexpr std::size_t kMaxTagName = 16;

// HTML 4 names for U+00A0..U+00FF, in order.
constexpr std::array<const char*, 96> kLatin1Names = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
    "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
    "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
    "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
    "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
    "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

struct NamedReference {
    const char* name;
    unsigned long code_point;
};
constexpr NamedReference kOtherNames[] = {
    {"amp", '&'},        {"lt", '<'},         {"gt", '>'},         {"quot", '"'},       {"apos", '\''},
    {"euro", 0x20AC},    {"ndash", 0x2013},   {"mdash", 0x2014},   {"lsquo", 0x2018},   {"rsquo", 0x2019},
    {"sbquo", 0x201A},   {"ldquo", 0x201C},   {"rdquo", 0x201D},   {"bdquo", 0x201E},   {"hellip", 0x2026},
    {"bull", 0x2022},    {"trade", 0x2122},   {"ensp", 0x2002},    {"emsp", 0x2003},    {"thinsp", 0x2009},
    {"zwnj", 0x200C},    {"zwj", 0x200D},     {"OElig", 0x152},    {"oelig", 0x153},    {"Scaron", 0x160},
    {"scaron", 0x161},   {"Yuml", 0x178},     {"dagger", 0x2020},  {"Dagger", 0x2021},  {"permil", 0x2030},
    {"lsaquo", 0x2039},  {"rsaquo", 0x203A},  {"rarr", 0x2192},    {"larr", 0x2190},    {"phone", 0x260E},
};

// Tags after which the text continues on a new line when rendered.
constexpr const char* kBlockTags[] = {"br", "p", "div", "tr", "td", "th", "li", "ul", "ol", "table",
                                      "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "pre",
                                      "body", "html", "section", "article", "header", "footer",
                                      "center", "dd", "dt", "dl", "address", "caption", "tbody", "thead"};
// Tags whose content is not visible text. (Not <head>: what is invisible in it is one of
// these, and a broken </head> must not hide the whole body.)
constexpr const char* kSkippedContentTags[] = {"style", "script", "title"};

bool lookup_named(std::string_view name, unsigned long& code_point) {
    for (std::size_t i = 0; i < kLatin1Names.size(); ++i) {
        if (name == kLatin1Names[i]) {
            code_point = 0xA0 + i;
            return true;
        }
    }
    for (const auto& ref : kOtherNames) {
        if (name == ref.name) {
            code_point = ref.code_point;
            return true;
        }
    }
    return false;
}

bool name_in(std::string_view name, const char* const* list, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        if (name.size() == std::strlen(list[i]) && g_ascii_strncasecmp(name.data(), list[i], name.size()) == 0)
            return true;
    }
    return false;
}

// Parses a character reference at html[pos] == '&'. On success appends it and returns the
// offset after ';'; otherwise returns pos (the caller copies '&' literally).
std::size_t decode_reference(std::string_view html, std::size_t pos, std::string& out) {
    std::size_t semi = html.find(';', pos + 1);
    if (semi == std::string_view::npos || semi - pos - 1 > kMaxEntityName || semi == pos + 1) return pos;
    std::string_view name = html.substr(pos + 1, semi - pos - 1);
    unsigned long code_point = 0;
    if (name[0] == '#') {
        bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return pos;
        for (char c : digits) {
            int v = hex ? g_ascii_xdigit_value(c) : g_ascii_digit_value(c);
            if (v < 0) return pos;
            code_point = code_point * (hex ? 16 : 10) + static_cast<unsigned long>(v);
            if (code_point > 0x10FFFF) return pos;
        }
    } else if (!lookup_named(name, code_point)) {
        return pos;
    }
    append_utf8(out, code_point);
    return semi + 1;
}

// Skips past the end of the tag starting at html[pos] == '<', honouring quoted attribute values.
std::size_t end_of_tag(std::string_view html, std::size_t pos) {
    char quote = 0;
    for (std::size_t i = pos + 1; i < html.size(); ++i) {
        char c = html[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return html.size();
}

// Offset just after "</name ...>" from `pos`, or npos when it is never closed.
std::size_t skip_to_closing(std::string_view html, std::size_t pos, std::string_view name) {
    while (pos < html.size()) {
        std::size_t lt = html.find("</", pos);
        if (lt == std::string_view::npos) return std::string_view::npos;
        std::size_t after = lt + 2 + name.size();
        if (after <= html.size() && g_ascii_strncasecmp(html.data() + lt + 2, name.data(), name.size()) == 0 &&
            (after == html.size() || html[after] == '>' || g_ascii_isspace(html[after]))) {
            return end_of_tag(html, lt);
        }
        pos = lt + 2;
    }
    return std::string_view::npos;
}

}  // namespace

void append_utf8(std::string& out, unsigned long code_point) {
    if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
    char buf[6];
    int n = g_unichar_to_utf8(static_cast<gunichar>(code_point), buf);
    out.append(buf, static_cast<std::size_t>(n));
}

std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size() / 2);
    std::size_t i = 0;
    while (i < html.size()) {
        // Plain text up to the next markup character is copied in one piece. (A plain loop:
        // string_view::find_first_of calls memchr once per character.)
        std::size_t special = i;
        while (special < html.size() && html[special] != '<' && html[special] != '&') ++special;
        out.append(html.data() + i, special - i);
        i = special;
        if (i == html.size()) break;
        char c = html[i];
        if (c == '&') {
            std::size_t next = decode_reference(html, i, out);
            if (next == i) {
                out.push_back('&');
                ++i;
            } else {
                i = next;
            }
            continue;
        }
        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t end = html.find("-->", i + 4);
            i = end == std::string_view::npos ? html.size() : end + 3;
            continue;
        }
        std::size_t name_start = i + 1;
        bool closing = name_start < html.size() && html[name_start] == '/';
        if (closing) ++name_start;
        std::size_t name_end = name_start;
        while (name_end < html.size() && name_end - name_start < kMaxTagName && g_ascii_isalnum(html[name_end])) ++name_end;
        if (name_end == name_start && !closing && !(name_start < html.size() && (html[name_start] == '!' || html[name_start] == '?'))) {
            out.push_back('<');  // a lone '<' in text
            ++i;
            continue;
        }
        std::string_view name = html.substr(name_start, name_end - name_start);
        i = end_of_tag(html, i);
        if (!closing && name_in(name, kSkippedContentTags, std::size(kSkippedContentTags))) {
            // Unclosed: read the rest as text rather than hide it, so a footer after a broken
            // <style> is still found and never added twice.
            std::size_t after = skip_to_closing(html, i, name);
            if (after != std::string_view::npos) i = after;
            continue;
        }
        if (name_in(name, kBlockTags, std::size(kBlockTags))) out.push_back('\n');
    }
    return out;
}

}  // namespace chaperone::policies::footer
