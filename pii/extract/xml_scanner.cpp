// XmlScanner; see xml_scanner.h.
#include "pii/extract/xml_scanner.h"

#include <cstring>

#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

using xml_scanner_detail::is_space;
using xml_scanner_detail::local;

}  // namespace

XmlScanner::Token XmlScanner::next() {
    const std::size_t n = in_.size();
    while (pos_ < n) {
        if (in_[pos_] != '<') {
            const void* lt = std::memchr(in_.data() + pos_, '<', n - pos_);
            if (!lt && more_input_) return Token::eof;  // the text may go on in the next chunk
            std::size_t end = lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - in_.data()) : n;
            text_ = in_.substr(pos_, end - pos_);
            cdata_ = false;
            pos_ = end;
            return Token::text;
        }
        const char second = pos_ + 1 < n ? in_[pos_ + 1] : '\0';
        if (second == '!' || second == '?') {  // rare: checked only when the tag is one of these
            std::string_view rest = in_.substr(pos_);
            if (more_input_ && rest.size() < 9) return Token::eof;  // too short to tell what it is
            if (rest.compare(0, 4, "<!--") == 0) {
                std::size_t end = in_.find("-->", pos_ + 4);
                if (end == std::string_view::npos && more_input_) return Token::eof;
                pos_ = end == std::string_view::npos ? n : end + 3;
                continue;
            }
            if (rest.compare(0, 9, "<![CDATA[") == 0) {
                std::size_t end = in_.find("]]>", pos_ + 9);
                if (end == std::string_view::npos && more_input_) return Token::eof;
                std::size_t stop = end == std::string_view::npos ? n : end;
                text_ = in_.substr(pos_ + 9, stop - pos_ - 9);
                cdata_ = true;
                pos_ = end == std::string_view::npos ? n : end + 3;
                return Token::text;
            }
            std::size_t end = in_.find('>', pos_ + 2);
            if (end == std::string_view::npos && more_input_) return Token::eof;
            pos_ = end == std::string_view::npos ? n : end + 1;
            continue;
        }
        // A tag: find its '>' outside quoted attribute values.
        bool closing = second == '/';
        std::size_t name_start = pos_ + (closing ? 2 : 1);
        std::size_t k = name_start;
        while (k < n && !is_space(in_[k]) && in_[k] != '>' && in_[k] != '/') ++k;
        std::size_t name_end = k;
        // Step to the '>' ending the tag, jumping over quoted attribute values whole.
        for (; k < n; ++k) {
            char c = in_[k];
            if (c == '>') break;
            if (c == '"' || c == '\'') {
                const void* close = std::memchr(in_.data() + k + 1, c, n - k - 1);
                if (!close) {
                    k = n;
                    break;
                }
                k = static_cast<std::size_t>(static_cast<const char*>(close) - in_.data());
            }
        }
        if (k >= n) {  // unterminated tag: wait for more, or the document ends here
            if (more_input_) return Token::eof;
            pos_ = n;
            break;
        }
        name_ = local(in_.substr(name_start, name_end - name_start));
        bool self_closing = !closing && k > name_end && in_[k - 1] == '/';
        attributes_ = in_.substr(name_end, k - name_end - (self_closing ? 1 : 0));
        pos_ = k + 1;
        if (closing) return Token::end;
        return self_closing ? Token::empty : Token::start;
    }
    return Token::eof;
}

std::string_view XmlScanner::attribute(std::string_view wanted) const {
    std::string_view found;
    bool done = false;
    for_each_attribute([&](std::string_view name, std::string_view value) {
        if (!done && name == wanted) {
            found = value;
            done = true;
        }
    });
    return found;
}

void append_xml_text(std::string_view raw, std::string& out) {
    std::size_t i = 0;
    while (i < raw.size()) {
        const void* amp = std::memchr(raw.data() + i, '&', raw.size() - i);
        std::size_t stop = amp ? static_cast<std::size_t>(static_cast<const char*>(amp) - raw.data()) : raw.size();
        out.append(raw.substr(i, stop - i));
        if (stop >= raw.size()) return;
        std::size_t semi = raw.find(';', stop);
        if (semi == std::string_view::npos || semi - stop > 12) {
            out.push_back('&');
            i = stop + 1;
            continue;
        }
        std::string_view ref = raw.substr(stop + 1, semi - stop - 1);
        if (ref == "amp") {
            out.push_back('&');
        } else if (ref == "lt") {
            out.push_back('<');
        } else if (ref == "gt") {
            out.push_back('>');
        } else if (ref == "quot") {
            out.push_back('"');
        } else if (ref == "apos") {
            out.push_back('\'');
        } else if (ref.size() > 1 && ref[0] == '#') {
            bool hex = ref[1] == 'x' || ref[1] == 'X';
            char32_t cp = 0;
            bool ok = ref.size() > (hex ? 2u : 1u);
            for (std::size_t k = hex ? 2 : 1; k < ref.size() && ok; ++k) {
                char c = ref[k];
                int d = (c >= '0' && c <= '9') ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
                if (d < 0) ok = false;
                cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
                if (cp > 0x10FFFF) ok = false;
            }
            if (ok && cp != 0) {
                append_utf8(out, cp);
            } else {
                out.append(raw.substr(stop, semi - stop + 1));
            }
        } else {
            out.append(raw.substr(stop, semi - stop + 1));
        }
        i = semi + 1;
    }
}

}  // namespace chaperone::pii
