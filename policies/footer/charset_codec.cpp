// Footer bytes in a part's charset; see charset_codec.h.
#include "policies/footer/charset_codec.h"

#include <gmime/gmime.h>

#include <map>

namespace chaperone::policies::footer {
namespace {

// Bytes every ASCII-compatible charset writes exactly as ASCII does. Backslash and tilde are
// left out on purpose: Shift_JIS maps them to yen and overline yet is fine for our purpose.
constexpr std::string_view kAsciiProbe =
    "\r\n <>/-=.,:;!?()'\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::size_t kCharsetCacheLimit = 64;  // distinct charsets remembered per thread

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(g_ascii_tolower(c));
    return out;
}

// iconv conversion of the whole input; nothing when a character is missing or iconv fails.
std::optional<std::string> convert_strict(std::string_view utf8, const char* to) {
    gsize written = 0;
    GError* error = nullptr;
    gchar* out = g_convert(utf8.data(), static_cast<gssize>(utf8.size()), to, "UTF-8", nullptr, &written, &error);
    if (!out) {
        if (error) g_error_free(error);
        return std::nullopt;
    }
    std::string result(out, written);
    g_free(out);
    return result;
}

CharsetInfo describe_uncached(std::string_view declared) {
    CharsetInfo info;
    info.declared = std::string(declared);
    std::string name = lower(declared);
    if (name.empty() || name == "us-ascii" || name == "ascii" || name == "ansi_x3.4-1968") {
        info.is_ascii = true;
        info.known = true;
        info.iconv_name = "US-ASCII";
        return info;
    }
    if (name == "utf-8" || name == "utf8") {
        info.is_utf8 = true;
        info.known = true;
        info.iconv_name = "UTF-8";
        return info;
    }
    info.iconv_name = g_mime_charset_iconv_name(info.declared.c_str());
    std::string canon = lower(info.iconv_name);
    if (canon == "utf-8" || canon == "utf8") {
        info.is_utf8 = true;
        info.known = true;
        return info;
    }
    auto probe = convert_strict(kAsciiProbe, info.iconv_name.c_str());
    if (!probe) {
        // iconv cannot open it (or, impossibly, lacks ASCII letters): unknown.
        info.iconv_name.clear();
        return info;
    }
    info.known = true;
    info.ascii_compatible = *probe == kAsciiProbe;
    return info;
}

}  // namespace

CharsetInfo describe_charset(std::string_view declared) {
    thread_local std::map<std::string, CharsetInfo> cache;
    std::string key = lower(declared);
    if (auto it = cache.find(key); it != cache.end()) {
        CharsetInfo info = it->second;
        info.declared = std::string(declared);
        return info;
    }
    CharsetInfo info = describe_uncached(declared);
    if (cache.size() >= kCharsetCacheLimit) cache.clear();
    cache.emplace(key, info);
    return info;
}

bool is_ascii(std::string_view bytes) {
    for (unsigned char c : bytes) {
        if (c >= 0x80) return false;
    }
    return true;
}

std::optional<std::string> encode_exact(std::string_view utf8, const CharsetInfo& charset) {
    if (charset.is_utf8) return std::string(utf8);
    if (is_ascii(utf8)) {
        if (charset.ascii_compatible) return std::string(utf8);
    } else if (charset.is_ascii || !charset.known) {
        return std::nullopt;
    }
    return convert_strict(utf8, charset.iconv_name.c_str());
}

std::string encode_with_html_references(std::string_view utf8, const CharsetInfo& charset) {
    if (auto whole = encode_exact(utf8, charset)) return *whole;
    // Some character is missing: go one character at a time (footers are short).
    std::string out;
    out.reserve(utf8.size() + 32);
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        auto c = static_cast<unsigned char>(*p);
        if (c < 0x80) {
            out.push_back(*p++);
            continue;
        }
        gunichar ch = g_utf8_get_char_validated(p, end - p);
        if (ch == static_cast<gunichar>(-1) || ch == static_cast<gunichar>(-2)) {
            out += "&#65533;";  // the footer file is not valid UTF-8 here: replacement character
            ++p;
            continue;
        }
        const char* next = g_utf8_next_char(p);
        std::optional<std::string> one;
        if (charset.known && !charset.is_ascii) one = convert_strict(std::string_view(p, next - p), charset.iconv_name.c_str());
        if (one) out += *one;
        else out += "&#" + std::to_string(ch) + ";";
        p = next;
    }
    return out;
}

}  // namespace chaperone::policies::footer
