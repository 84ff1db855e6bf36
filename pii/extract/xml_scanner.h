// XmlScanner: a minimal pull tokenizer for the large, flat XML parts of spreadsheets
// (worksheets, shared strings), where building a DOM costs more than everything else.
//
//   XmlScanner x(bytes);
//   while (auto t = x.next(); t != XmlScanner::Token::eof) {
//       if (t == XmlScanner::Token::start && x.name() == "c") { auto r = x.attribute("r"); ... }
//   }
//
// It knows tags (start, end, self-closing), attributes of the current tag, text and CDATA;
// it skips declarations, comments and processing instructions. Names are local (prefixes
// dropped). It is not a validating parser: malformed input ends the token stream or yields
// odd tokens, never reads outside the buffer, and costs time linear in the input.
//
// Thread-safety: one scanner per thread.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

class XmlScanner {
public:
    enum class Token { start, end, empty, text, eof };  // empty: <tag/>

    // `more_input`: the buffer is a prefix of the document, so a token that reaches its end
    // (text not closed by '<', an unterminated tag, comment or CDATA) is left unread:
    // next() returns eof and consumed() tells where the unread rest begins.
    explicit XmlScanner(std::string_view xml, bool more_input = false) : in_(xml), more_input_(more_input) {}

    Token next();
    std::size_t consumed() const { return pos_; }
    std::string_view name() const { return name_; }
    // Raw (undecoded) value of the current tag's attribute with local name `local`, or "".
    std::string_view attribute(std::string_view local) const;
    // Calls f(local_name, raw_value) for each attribute of the current tag, in order.
    template <typename F>
    void for_each_attribute(F&& f) const;
    // The current text token, raw; cdata() says whether it is CDATA (no entities to decode).
    std::string_view text() const { return text_; }
    bool cdata() const { return cdata_; }

private:
    std::string_view in_;
    bool more_input_;
    std::size_t pos_ = 0;
    std::string_view name_;
    std::string_view attributes_;
    std::string_view text_;
    bool cdata_ = false;
};

namespace xml_scanner_detail {
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline std::string_view local(std::string_view name) {
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == ':') return name.substr(i + 1);
    }
    return name;
}
}  // namespace xml_scanner_detail

template <typename F>
void XmlScanner::for_each_attribute(F&& f) const {
    using xml_scanner_detail::is_space;
    std::string_view a = attributes_;
    std::size_t i = 0;
    while (i < a.size()) {
        while (i < a.size() && is_space(a[i])) ++i;
        std::size_t name_start = i;
        while (i < a.size() && a[i] != '=' && !is_space(a[i])) ++i;
        std::string_view name = a.substr(name_start, i - name_start);
        while (i < a.size() && is_space(a[i])) ++i;
        if (i >= a.size() || a[i] != '=') {
            if (name.empty()) return;
            continue;
        }
        ++i;
        while (i < a.size() && is_space(a[i])) ++i;
        if (i >= a.size() || (a[i] != '"' && a[i] != '\'')) return;
        char quote = a[i++];
        std::size_t value_start = i;
        while (i < a.size() && a[i] != quote) ++i;
        std::string_view value = a.substr(value_start, i - value_start);
        ++i;
        f(xml_scanner_detail::local(name), value);
    }
}

// XML arriving in chunks (an entry being inflated), cut into whole tokens: each chunk is
// scanned as far as it holds complete tokens, the rest waits for the next chunk.
//   XmlChunks chunks;  zip.read_chunks(entry, state, [&](auto c) { chunks.feed(c, handler); return true; });
//   chunks.finish(handler);
// `handler(token, scanner)` sees each token once, the same tokens whatever the chunking.
// One token may grow to kMaxPendingXml (far beyond any real cell); past that it is cut
// where it stands, so a hostile part cannot make the waiting rest grow or be rescanned
// without bound.
class XmlChunks {
public:
    static constexpr std::size_t kMaxPendingXml = 4u << 20;

    template <typename Handler>
    void feed(std::string_view chunk, Handler&& handler) {
        const bool was_pending = !pending_.empty();
        pending_.append(chunk);
        // Nothing can complete without a '<' (ends text) or a '>' (ends a tag, comment, CDATA).
        if (was_pending && chunk.find_first_of("<>") == std::string_view::npos && pending_.size() <= kMaxPendingXml) return;
        XmlScanner x(pending_, pending_.size() <= kMaxPendingXml);
        for (auto t = x.next(); t != XmlScanner::Token::eof; t = x.next()) handler(t, x);
        pending_.erase(0, x.consumed());
    }
    template <typename Handler>
    void finish(Handler&& handler) {
        XmlScanner x(pending_);
        for (auto t = x.next(); t != XmlScanner::Token::eof; t = x.next()) handler(t, x);
        pending_.clear();
    }

private:
    std::string pending_;
};

// Appends `raw` XML character data with entity and character references decoded.
void append_xml_text(std::string_view raw, std::string& out);

}  // namespace chaperone::pii
