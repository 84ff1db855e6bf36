// RTF tokenizer; see rtf_reader.h.
#include "pii/extract/rtf_reader.h"

#include <fmt/format.h>

#include <map>
#include <vector>

#include "pii/extract/text_sink.h"
#include "pii/mime/charset.h"
#include "pii/mime/mime_message.h"

namespace chaperone::pii {
namespace {

constexpr std::size_t kMaxControlWord = 32;  // the spec's limit on a control word's length
constexpr std::size_t kMaxFonts = 4096;

// \fcharsetN -> Windows code page.
int codepage_of_charset(int charset) {
    switch (charset) {
        case 0: return 1252;
        case 2: return 1252;  // Symbol: no text mapping worth having
        case 77: return 10000;
        case 128: return 932;
        case 129: return 949;
        case 134: return 936;
        case 136: return 950;
        case 161: return 1253;
        case 162: return 1254;
        case 163: return 1258;
        case 177: return 1255;
        case 178: return 1256;
        case 186: return 1257;
        case 204: return 1251;
        case 222: return 874;
        case 238: return 1250;
        case 255: return 437;
        default: return 0;
    }
}

// Destinations whose content is not document text.
bool is_skipped_destination(std::string_view word) {
    static constexpr std::string_view kSkipped[] = {
        "author", "bkmkend", "bkmkstart", "colorschememapping", "colortbl", "comment",
        "datafield", "datastore", "docvar", "filetbl", "fldinst", "fonttbl", "generator", "info", "latentstyles",
        "listoverridetable", "listtable", "listtext", "mmathPr", "nonshppict", "objdata", "pgdsctbl", "pict",
        "pn", "pnseclvl", "pntext", "pntxta", "pntxtb", "protusertbl", "revtbl", "rsidtbl", "sp", "stylesheet",
        "template", "themedata", "userprops", "xmlnstbl", "operator", "title", "subject", "keywords",
    };
    for (std::string_view s : kSkipped) {
        if (s == word) return true;
    }
    return false;
}

enum class Destination { text, skip, font_table };

struct Group {
    Destination destination = Destination::text;
    int uc = 1;            // fallback characters after \uN
    int codepage = 1252;   // of \'hh bytes in this group
    int font = -1;
    bool star = false;     // the group started with \*
    bool first_word = true;
};

const char* iconv_name(int codepage) {
    switch (codepage) {
        case 437: return "CP437";
        case 850: return "CP850";
        case 874: return "CP874";
        case 932: return "CP932";
        case 936: return "CP936";
        case 949: return "CP949";
        case 950: return "CP950";
        case 1250: return "CP1250";
        case 1251: return "CP1251";
        case 1253: return "CP1253";
        case 1254: return "CP1254";
        case 1255: return "CP1255";
        case 1256: return "CP1256";
        case 1257: return "CP1257";
        case 1258: return "CP1258";
        case 10000: return "MACINTOSH";
        default: return "CP1252";
    }
}

class RtfReader {
public:
    RtfReader(std::string_view in, std::uint64_t max) : in_(in), out_(max) { groups_.push_back(Group{}); }

    std::string run() {
        const std::size_t n = in_.size();
        std::size_t i = 0;
        while (i < n && !out_.full()) {
            char c = in_[i];
            if (c == '{') {
                flush_bytes();
                skip_fallback_ = 0;
                if (groups_.size() < static_cast<std::size_t>(kMaxRtfDepth)) {
                    Group g = groups_.back();
                    g.star = false;
                    g.first_word = true;
                    groups_.push_back(g);
                } else {
                    ++overflow_depth_;
                }
                ++i;
            } else if (c == '}') {
                flush_bytes();
                skip_fallback_ = 0;
                if (overflow_depth_ > 0) {
                    --overflow_depth_;
                } else if (groups_.size() > 1) {
                    end_group();
                }
                ++i;
            } else if (c == '\\') {
                i = control(i + 1);
            } else if (c == '\r' || c == '\n') {
                ++i;
            } else {
                literal_byte(static_cast<unsigned char>(c));
                ++i;
            }
        }
        flush_bytes();
        return out_.take();
    }

private:
    Group& group() { return groups_.back(); }
    bool emitting() const { return groups_.back().destination == Destination::text; }

    void end_group() { groups_.pop_back(); }

    // ---- output ----
    void flush_bytes() {
        if (pending_.empty()) return;
        if (is_ascii(pending_)) {
            out_.append(pending_);
        } else if (pending_codepage_ == 1252) {
            out_.append(windows1252_to_utf8(pending_));
        } else {
            out_.append(to_utf8(pending_, iconv_name(pending_codepage_)));
        }
        pending_.clear();
    }
    void byte(unsigned char b) {
        if (!emitting()) return;
        if (!pending_.empty() && pending_codepage_ != group().codepage) flush_bytes();
        pending_codepage_ = group().codepage;
        pending_.push_back(static_cast<char>(b));
    }
    void text(std::string_view s) {
        if (!emitting()) return;
        flush_bytes();
        out_.append(s);
    }
    void code_point(char32_t cp) {
        if (!emitting()) return;
        flush_bytes();
        if (cp == 0xA0) cp = ' ';
        if (cp == 0xAD || cp == 0x200B || cp == 0xFEFF) return;
        std::string s;
        append_utf8(s, cp);
        out_.append(s);
    }
    void line_end() {
        if (!emitting()) return;
        flush_bytes();
        out_.end_line(true);
    }
    void row_end() {
        if (!emitting()) return;
        flush_bytes();
        out_.trim_trailing_blanks();
        out_.end_line();
    }

    // A character of text, or one of the \ucN fallback characters to drop.
    void literal_byte(unsigned char b) {
        if (skip_fallback_ > 0) {
            --skip_fallback_;
            return;
        }
        if (group().destination == Destination::font_table) {
            return;  // font names
        }
        byte(b);
    }

    // ---- control words ----
    std::size_t control(std::size_t i) {
        const std::size_t n = in_.size();
        if (i >= n) return n;
        char c = in_[i];
        auto is_alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
        if (!is_alpha(c)) {
            // Control symbol.
            if (c == '\'') {
                int value = 0;
                std::size_t k = i + 1;
                int digits = 0;
                for (; k < n && digits < 2; ++k, ++digits) {
                    char h = in_[k];
                    int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
                    if (d < 0) break;
                    value = value * 16 + d;
                }
                if (digits > 0) literal_byte(static_cast<unsigned char>(value));
                return k;
            }
            if (skip_fallback_ > 0 && c != '*') {
                --skip_fallback_;
                return i + 1;
            }
            switch (c) {
                case '*': group().star = true; break;
                case '\\': case '{': case '}': byte(static_cast<unsigned char>(c)); break;
                case '~': text(" "); break;
                case '_': text("-"); break;
                case '-': break;  // optional hyphen
                case '\n': case '\r': line_end(); break;  // "\<newline>" is \par
                case '\t': text("\t"); break;
                default: break;
            }
            return i + 1;
        }
        std::size_t start = i;
        while (i < n && is_alpha(in_[i]) && i - start < kMaxControlWord) ++i;
        std::string_view word = in_.substr(start, i - start);
        while (i < n && is_alpha(in_[i])) ++i;  // over-long word: the rest is ignored
        bool has_param = false;
        bool negative = false;
        long long param = 0;
        if (i < n && in_[i] == '-') {
            negative = true;
            ++i;
        }
        int param_digits = 0;
        while (i < n && in_[i] >= '0' && in_[i] <= '9') {
            if (param_digits < 10) param = param * 10 + (in_[i] - '0');
            ++param_digits;
            has_param = true;
            ++i;
        }
        if (negative) param = -param;
        if (i < n && in_[i] == ' ') ++i;  // the delimiting space belongs to the control word
        return word_action(word, has_param, static_cast<long>(param), i);
    }

    std::size_t word_action(std::string_view word, bool has_param, long param, std::size_t next) {
        Group& g = group();
        const bool first = g.first_word;
        g.first_word = false;

        if (word == "bin") {
            // Binary data: skip exactly N bytes, whatever they are.
            std::size_t skip = has_param && param > 0 ? static_cast<std::size_t>(param) : 0;
            return std::min(in_.size(), next + skip);
        }
        if (word == "u" && has_param) {
            if (skip_fallback_ > 0) skip_fallback_ = 0;
            long v = param < 0 ? param + 65536 : param;
            char32_t cp = static_cast<char32_t>(v);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                high_surrogate_ = cp;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF && high_surrogate_) {
                code_point(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (cp - 0xDC00));
                high_surrogate_ = 0;
            } else {
                high_surrogate_ = 0;
                if (g.destination != Destination::font_table) code_point(cp);
            }
            skip_fallback_ = g.uc;
            return next;
        }
        if (skip_fallback_ > 0) {
            --skip_fallback_;  // a control word counts as one fallback character
            return next;
        }
        if (word == "uc") {
            g.uc = has_param && param >= 0 && param < 16 ? static_cast<int>(param) : 1;
            return next;
        }

        // Destinations.
        if (g.star && first) {
            // {\*\word ...}: a destination a reader may ignore. We read only comments
            // (annotations), whose text is sent with the document.
            if (word != "annotation") g.destination = Destination::skip;
            return next;
        }
        if (word == "fonttbl") {
            g.destination = Destination::font_table;
            return next;
        }
        if (first && is_skipped_destination(word)) {
            g.destination = Destination::skip;
            return next;
        }

        // Fonts and code pages.
        if (word == "ansicpg" && has_param) {
            default_codepage_ = static_cast<int>(param);
            for (Group& any : groups_) any.codepage = default_codepage_;
            return next;
        }
        if (word == "ansi") {
            default_codepage_ = 1252;
        } else if (word == "mac") {
            default_codepage_ = 10000;
        } else if (word == "pc") {
            default_codepage_ = 437;
        } else if (word == "pca") {
            default_codepage_ = 850;
        }
        if (word == "ansi" || word == "mac" || word == "pc" || word == "pca") {
            for (Group& any : groups_) any.codepage = default_codepage_;
            return next;
        }
        if (word == "f" && has_param) {
            if (g.destination == Destination::font_table) {
                g.font = static_cast<int>(param);
            } else {
                auto it = font_codepage_.find(static_cast<int>(param));
                g.codepage = it != font_codepage_.end() && it->second ? it->second : default_codepage_;
            }
            return next;
        }
        if (word == "fcharset" && has_param && g.destination == Destination::font_table && g.font >= 0) {
            if (font_codepage_.size() < kMaxFonts) font_codepage_[g.font] = codepage_of_charset(static_cast<int>(param));
            return next;
        }
        if (word == "cpg" && has_param && g.destination == Destination::font_table && g.font >= 0) {
            if (font_codepage_.size() < kMaxFonts) font_codepage_[g.font] = static_cast<int>(param);
            return next;
        }
        if (word == "plain" && deff_ >= 0) {
            auto it = font_codepage_.find(deff_);
            g.codepage = it != font_codepage_.end() && it->second ? it->second : default_codepage_;
            return next;
        }
        if (word == "deff" && has_param) {
            deff_ = static_cast<int>(param);
            return next;
        }

        // Text.
        if (word == "par" || word == "line" || word == "sect" || word == "page") {
            line_end();
        } else if (word == "tab" || word == "cell" || word == "nestcell") {
            text("\t");
        } else if (word == "row" || word == "nestrow") {
            row_end();
        } else if (word == "emdash") {
            code_point(0x2014);
        } else if (word == "endash") {
            code_point(0x2013);
        } else if (word == "lquote") {
            code_point(0x2018);
        } else if (word == "rquote") {
            code_point(0x2019);
        } else if (word == "ldblquote") {
            code_point(0x201C);
        } else if (word == "rdblquote") {
            code_point(0x201D);
        } else if (word == "bullet") {
            code_point(0x2022);
        } else if (word == "emspace" || word == "enspace" || word == "qmspace") {
            text(" ");
        }
        return next;
    }

    std::string_view in_;
    TextSink out_;
    std::vector<Group> groups_;
    int overflow_depth_ = 0;
    int skip_fallback_ = 0;
    char32_t high_surrogate_ = 0;
    int default_codepage_ = 1252;
    int deff_ = -1;
    std::map<int, int> font_codepage_;
    std::string pending_;
    int pending_codepage_ = 1252;
};

}  // namespace

std::string rtf_to_text(std::string_view rtf, std::uint64_t max_bytes) { return RtfReader(rtf, max_bytes).run(); }

}  // namespace chaperone::pii
