// TextSink implementation; see text_sink.h.
#include "pii/extract/text_sink.h"

namespace chaperone::pii {

void truncate_utf8(std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return;
    std::size_t cut = max_bytes;
    // Step back over continuation bytes so the cut falls before a lead byte.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
}

void TextSink::append(std::string_view text) {
    if (full_ || text.empty()) return;
    if (out_.size() + text.size() > cap_) {
        out_.append(text.substr(0, cap_ - out_.size()));
        truncate_utf8(out_, cap_);
        full_ = true;
        return;
    }
    out_.append(text);
}

void TextSink::trim_trailing_blanks() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
}

void TextSink::end_line(bool keep_empty) {
    if (full_) return;
    trim_trailing_blanks();
    if (out_.empty()) return;
    if (out_.back() != '\n') {
        push('\n');
        return;
    }
    if (!keep_empty) return;
    // At most one empty line in a row.
    if (out_.size() >= 2 && out_[out_.size() - 2] == '\n') return;
    push('\n');
}

void TextSink::blank_line() {
    if (full_) return;
    trim_trailing_blanks();
    if (out_.empty()) return;
    if (out_.back() != '\n') push('\n');
    if (out_.size() < 2 || out_[out_.size() - 2] != '\n') push('\n');
}

std::string TextSink::take() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t' || out_.back() == '\n' || out_.back() == '\r')) {
        out_.pop_back();
    }
    return std::move(out_);
}

}  // namespace chaperone::pii
