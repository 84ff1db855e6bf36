// Context helpers; see context_words.h.
#include "pii/detect/context_words.h"

namespace chaperone::pii {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool equal_at(std::string_view text, std::size_t at, std::string_view word) {
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (lower(text[at + k]) != word[k]) return false;
    }
    return true;
}

}  // namespace

bool contains_word(std::string_view text, std::size_t from, std::size_t to, WordList words) {
    if (to > text.size()) to = text.size();
    if (from >= to) return false;
    for (std::string_view word : words) {
        if (word.empty() || word.size() > to - from) continue;
        const char first = word[0];
        for (std::size_t at = from; at + word.size() <= to; ++at) {
            if (lower(text[at]) != first || !equal_at(text, at, word)) continue;
            const bool left_ok = at == 0 || !is_alnum(text[at - 1]) || !is_alnum(word.front());
            const std::size_t e = at + word.size();
            const bool right_ok = e >= text.size() || !is_alnum(text[e]) || !is_alnum(word.back());
            if (left_ok && right_ok) return true;
        }
    }
    return false;
}

ByteRange line_of(std::string_view text, std::size_t pos) {
    if (pos > text.size()) pos = text.size();
    const std::size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > start && text[end - 1] == '\r') --end;
    return {start, end};
}

ByteRange before(std::string_view text, std::size_t pos, std::size_t bytes) {
    if (pos > text.size()) pos = text.size();
    const std::size_t limit = pos > bytes ? pos - bytes : 0;
    // Walk back; stop after a line break that follows only whitespace back to another one.
    std::size_t start = pos;
    bool blank_so_far = false;  // only whitespace since the last line break seen
    while (start > limit) {
        const char c = text[start - 1];
        if (c == '\n') {
            if (blank_so_far) break;
            blank_so_far = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            blank_so_far = false;
        }
        --start;
    }
    return {start, pos};
}

ByteRange after(std::string_view text, std::size_t pos, std::size_t bytes) {
    if (pos > text.size()) pos = text.size();
    const std::size_t limit = pos + bytes < text.size() ? pos + bytes : text.size();
    std::size_t end = pos;
    bool blank_so_far = false;
    while (end < limit) {
        const char c = text[end];
        if (c == '\n') {
            if (blank_so_far) break;
            blank_so_far = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            blank_so_far = false;
        }
        ++end;
    }
    return {pos, end};
}

bool word_near(std::string_view text, std::size_t pos, std::size_t end, std::size_t bytes, std::size_t after_bytes,
               WordList words) {
    const ByteRange b = before(text, pos, bytes);
    if (contains_word(text, b.start, b.end, words)) return true;
    if (after_bytes == 0) return false;
    const ByteRange a = after(text, end, after_bytes);
    return contains_word(text, a.start, a.end, words);
}

}  // namespace chaperone::pii
