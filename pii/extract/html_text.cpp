// HTML to text; see html_text.h.
#include "pii/extract/html_text.h"

#include <vector>

#include "pii/extract/html_entities.h"
#include "pii/extract/text_sink.h"
#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

constexpr std::size_t kMaxTagName = 16;      // longer names are no element we act on
constexpr std::size_t kMaxEntityName = 32;   // longest HTML entity name is shorter
constexpr std::size_t kMaxTableNesting = 64; // deeper tables share the innermost row state

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - at < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        if (lower(s[at + k]) != prefix[k]) return false;
    }
    return true;
}

// What a tag does to the layout.
enum class Layout { none, line, paragraph, cell, row, table, br, pre, skip_content };

Layout layout_of(std::string_view name) {
    struct Entry {
        std::string_view name;
        Layout layout;
    };
    static constexpr Entry kTable[] = {
        {"address", Layout::paragraph}, {"article", Layout::line},    {"aside", Layout::line},
        {"blockquote", Layout::paragraph}, {"body", Layout::line},   {"br", Layout::br},
        {"caption", Layout::line},      {"center", Layout::line},     {"dd", Layout::line},
        {"details", Layout::line},      {"div", Layout::line},        {"dl", Layout::paragraph},
        {"dt", Layout::line},           {"fieldset", Layout::line},   {"figcaption", Layout::line},
        {"figure", Layout::paragraph},  {"footer", Layout::line},     {"form", Layout::line},
        {"h1", Layout::paragraph},      {"h2", Layout::paragraph},    {"h3", Layout::paragraph},
        {"h4", Layout::paragraph},      {"h5", Layout::paragraph},    {"h6", Layout::paragraph},
        {"head", Layout::none},         {"header", Layout::line},     {"hr", Layout::paragraph},
        {"html", Layout::line},         {"legend", Layout::line},     {"li", Layout::line},
        {"main", Layout::line},         {"nav", Layout::line},        {"ol", Layout::paragraph},
        {"option", Layout::line},       {"p", Layout::paragraph},     {"pre", Layout::pre},
        {"script", Layout::skip_content}, {"section", Layout::line},  {"style", Layout::skip_content},
        {"summary", Layout::line},      {"table", Layout::table},     {"td", Layout::cell},
        {"template", Layout::skip_content}, {"th", Layout::cell},     {"title", Layout::skip_content},
        {"tr", Layout::row},            {"ul", Layout::paragraph},    {"xml", Layout::skip_content},
    };
    for (const Entry& e : kTable) {
        if (e.name == name) return e.layout;
    }
    return Layout::none;
}

class Converter {
public:
    Converter(std::string_view html, std::uint64_t max_bytes) : in_(html), max_(max_bytes) {
        out_.reserve(std::min<std::size_t>(html.size(), static_cast<std::size_t>(max_bytes)) / 2 + 16);
        cells_.push_back(0);
    }

    std::string run() {
        std::size_t i = 0;
        const std::size_t n = in_.size();
        while (i < n) {
            if (out_.size() > max_) break;
            char c = in_[i];
            if (c == '<') {
                i = markup(i);
            } else if (c == '&') {
                i = reference(i);
            } else {
                i = text_run(i);
            }
        }
        std::string result = std::move(out_);
        truncate_utf8(result, static_cast<std::size_t>(max_));
        while (!result.empty() && is_space(result.back())) result.pop_back();
        return result;
    }

private:
    // ---- output ----
    void trim_blanks() {
        while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
    }
    bool at_line_start() const { return out_.empty() || out_.back() == '\n'; }
    void line_break() {
        trim_blanks();
        pending_space_ = false;
        if (!at_line_start()) out_.push_back('\n');
    }
    void paragraph_break() {
        line_break();
        if (out_.empty()) return;
        if (out_.size() < 2 || out_[out_.size() - 2] != '\n') out_.push_back('\n');
    }
    void hard_break() {
        trim_blanks();
        pending_space_ = false;
        if (out_.empty()) return;
        if (out_.size() >= 2 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n') return;
        out_.push_back('\n');
    }
    void space() { pending_space_ = true; }
    void before_visible() {
        if (pending_space_ && !at_line_start() && out_.back() != '\t' && out_.back() != ' ') out_.push_back(' ');
        pending_space_ = false;
    }
    void emit_code_point(char32_t cp) {
        if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F) cp = ' ';
        if (cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return;
        if (cp == 0) cp = 0xFFFD;
        if (pre_ == 0 && (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')) {
            space();
            return;
        }
        if (pre_ > 0 && cp == '\r') return;
        before_visible();
        append_utf8(out_, cp);
    }

    // ---- text ----
    std::size_t text_run(std::size_t i) {
        const std::size_t n = in_.size();
        while (i < n) {
            char c = in_[i];
            if (c == '<' || c == '&') break;
            unsigned char u = static_cast<unsigned char>(c);
            if (u < 0x80) {
                if (is_space(c)) {
                    if (pre_ > 0) {
                        if (c != '\r') out_.push_back(c);
                    } else {
                        space();
                    }
                } else if (u >= 0x20 || c == '\t') {
                    before_visible();
                    out_.push_back(c);
                }
                ++i;
                continue;
            }
            // Non-ASCII: look for the few invisible or space-like characters, copy the rest.
            if (u == 0xC2 && i + 1 < n && (static_cast<unsigned char>(in_[i + 1]) == 0xA0 || static_cast<unsigned char>(in_[i + 1]) == 0xAD)) {
                emit_code_point(static_cast<unsigned char>(in_[i + 1]) == 0xA0 ? 0xA0 : 0xAD);
                i += 2;
                continue;
            }
            if (u == 0xE2 && i + 2 < n && static_cast<unsigned char>(in_[i + 1]) == 0x80) {
                unsigned char t = static_cast<unsigned char>(in_[i + 2]);
                if (t >= 0x8B && t <= 0x8D) {
                    i += 3;
                    continue;
                }
            }
            if (u == 0xEF && i + 2 < n && static_cast<unsigned char>(in_[i + 1]) == 0xBB &&
                static_cast<unsigned char>(in_[i + 2]) == 0xBF) {
                i += 3;
                continue;
            }
            before_visible();
            out_.push_back(c);
            ++i;
        }
        return i;
    }

    std::size_t reference(std::size_t i) {
        const std::size_t n = in_.size();
        std::size_t j = i + 1;
        if (j < n && in_[j] == '#') {
            ++j;
            bool hex = j < n && (in_[j] == 'x' || in_[j] == 'X');
            if (hex) ++j;
            std::size_t digits_start = j;
            char32_t value = 0;
            while (j < n && (is_digit(in_[j]) || (hex && ((in_[j] >= 'a' && in_[j] <= 'f') || (in_[j] >= 'A' && in_[j] <= 'F'))))) {
                if (value <= 0x10FFFF) {
                    int d = is_digit(in_[j]) ? in_[j] - '0' : (lower(in_[j]) - 'a' + 10);
                    value = value * (hex ? 16 : 10) + static_cast<char32_t>(d);
                }
                ++j;
            }
            if (j == digits_start) {  // "&#" with no digits is literal text
                emit_code_point('&');
                return i + 1;
            }
            if (j < n && in_[j] == ';') ++j;
            if (value >= 0x80 && value <= 0x9F) value = windows1252_code_point(static_cast<unsigned char>(value));
            if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
            emit_code_point(value);
            return j;
        }
        std::size_t name_start = j;
        while (j < n && j - name_start < kMaxEntityName && (is_alpha(in_[j]) || is_digit(in_[j]))) ++j;
        std::string_view name = in_.substr(name_start, j - name_start);
        bool semicolon = j < n && in_[j] == ';';
        char32_t cp = name.empty() ? 0 : lookup_html_entity(name);
        // Without ';' only the legacy references browsers still honour are decoded.
        if (cp && (semicolon || name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "nbsp" ||
                   name == "copy" || name == "reg")) {
            emit_code_point(cp);
            return semicolon ? j + 1 : j;
        }
        emit_code_point('&');
        return i + 1;
    }

    // ---- markup ----
    std::size_t skip_past(std::size_t from, std::string_view terminator) {
        std::size_t end = in_.find(terminator, from);
        return end == std::string_view::npos ? in_.size() : end + terminator.size();
    }

    // Skips raw text up to and including </name ...>, case-insensitively.
    std::size_t skip_raw_text(std::size_t from, std::string_view name) {
        const std::size_t n = in_.size();
        for (std::size_t k = in_.find('<', from); k != std::string_view::npos && k < n; k = in_.find('<', k + 1)) {
            if (k + 1 < n && in_[k + 1] == '/' && starts_with_ci(in_, k + 2, name)) {
                std::size_t after = k + 2 + name.size();
                if (after >= n || !is_alpha(in_[after])) return skip_past(after, ">");
            }
        }
        return n;
    }

    // Position after the '>' ending a tag that started at `from`, honouring quoted values.
    std::size_t tag_end(std::size_t from, bool* self_closing) {
        const std::size_t n = in_.size();
        char quote = 0;
        for (std::size_t k = from; k < n; ++k) {
            char c = in_[k];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                // A quote starts a value only after '='; elsewhere it is junk to step over.
                std::size_t p = k;
                while (p > from && is_space(in_[p - 1])) --p;
                if (p > from && in_[p - 1] == '=') quote = c;
            } else if (c == '>') {
                *self_closing = k > from && in_[k - 1] == '/';
                return k + 1;
            }
        }
        *self_closing = false;
        return n;
    }

    std::size_t markup(std::size_t i) {
        const std::size_t n = in_.size();
        if (i + 1 >= n) {
            emit_code_point('<');
            return i + 1;
        }
        char next = in_[i + 1];
        if (next == '!') {
            if (in_.compare(i, 4, "<!--") == 0) return skip_past(i + 4, "-->");
            if (in_.compare(i, 9, "<![CDATA[") == 0) {
                std::size_t end = in_.find("]]>", i + 9);
                std::size_t stop = end == std::string_view::npos ? n : end;
                for (std::size_t k = i + 9; k < stop; ++k) emit_code_point(static_cast<unsigned char>(in_[k]));
                return end == std::string_view::npos ? n : end + 3;
            }
            return skip_past(i + 2, ">");
        }
        if (next == '?') return skip_past(i + 2, ">");
        bool closing = next == '/';
        std::size_t name_start = i + (closing ? 2 : 1);
        if (name_start >= n || !is_alpha(in_[name_start])) {
            if (closing) return skip_past(name_start, ">");  // "</ >" and the like: bogus comment
            emit_code_point('<');
            return i + 1;
        }
        std::size_t j = name_start;
        char name_buf[kMaxTagName + 1];
        std::size_t len = 0;
        while (j < n && (is_alpha(in_[j]) || is_digit(in_[j]) || in_[j] == '-' || in_[j] == ':')) {
            if (len < kMaxTagName) name_buf[len] = lower(in_[j]);
            ++len;
            ++j;
        }
        bool self_closing = false;
        std::size_t after = tag_end(j, &self_closing);
        if (len > kMaxTagName) return after;
        std::string_view name(name_buf, len);
        apply(layout_of(name), closing, self_closing);
        if (!closing && !self_closing && layout_of(name) == Layout::skip_content) return skip_raw_text(after, name);
        return after;
    }

    void apply(Layout layout, bool closing, bool self_closing) {
        switch (layout) {
            case Layout::none:
            case Layout::skip_content: break;
            case Layout::line: line_break(); break;
            case Layout::paragraph: paragraph_break(); break;
            case Layout::br:
                if (!closing) hard_break();
                break;
            case Layout::pre:
                paragraph_break();
                if (!self_closing) {
                    if (closing) {
                        if (pre_ > 0) --pre_;
                    } else {
                        ++pre_;
                    }
                }
                break;
            case Layout::table:
                paragraph_break();
                if (self_closing) break;
                if (closing) {
                    if (cells_.size() > 1) cells_.pop_back();
                } else if (cells_.size() < kMaxTableNesting) {
                    cells_.push_back(0);
                }
                break;
            case Layout::row:
                line_break();
                cells_.back() = 0;
                break;
            case Layout::cell:
                if (closing) break;
                trim_blanks();
                pending_space_ = false;
                // Every cell after the first starts with a tab, so an empty cell keeps its column.
                if (cells_.back() > 0) out_.push_back('\t');
                ++cells_.back();
                break;
        }
    }

    std::string_view in_;
    std::uint64_t max_;
    std::string out_;
    bool pending_space_ = false;
    int pre_ = 0;
    std::vector<int> cells_;  // cells seen in the current row, per open table
};

}  // namespace

std::string html_to_text(std::string_view html, std::uint64_t max_bytes) { return Converter(html, max_bytes).run(); }

std::string html_meta_charset(std::string_view html) {
    std::string_view head = html.substr(0, 1024);
    for (std::size_t at = 0; at < head.size(); ++at) {
        if (!starts_with_ci(head, at, "<meta")) continue;
        std::size_t end = head.find('>', at);
        std::string_view tag = head.substr(at, end == std::string_view::npos ? head.size() - at : end - at);
        for (std::size_t k = 0; k + 7 < tag.size(); ++k) {
            if (!starts_with_ci(tag, k, "charset")) continue;
            std::size_t v = k + 7;
            while (v < tag.size() && (is_space(tag[v]) || tag[v] == '=' || tag[v] == '"' || tag[v] == '\'')) ++v;
            std::string charset;
            while (v < tag.size() && charset.size() < 40 &&
                   (is_alpha(tag[v]) || is_digit(tag[v]) || tag[v] == '-' || tag[v] == '_' || tag[v] == ':' || tag[v] == '.')) {
                charset.push_back(lower(tag[v]));
                ++v;
            }
            if (!charset.empty()) return charset;
        }
    }
    return {};
}

}  // namespace chaperone::pii
