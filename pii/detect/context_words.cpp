// Context helpers; see context_words.h.
#include "pii/detect/context_words.h"

#include <algorithm>
#include <cstring>

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

WordList::WordList(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
        if (w.empty()) continue;
        by_first_[static_cast<unsigned char>(w[0])].push_back({w, 1});
        first_[static_cast<unsigned char>(w[0])] = true;
        longest_ = std::max(longest_, w.size());
    }
    fill_starts();
}

void WordList::fill_starts() {
    for (int b = 0; b < 256; ++b) starts_[static_cast<std::size_t>(b)] = first_[static_cast<unsigned char>(lower(static_cast<char>(b)))];
}

WordList WordList::combine(std::initializer_list<std::pair<const WordList*, std::uint32_t>> lists) {
    WordList all;
    for (const auto& [list, tag] : lists) {
        for (std::size_t c = 0; c < 256; ++c) {
            for (const Word& w : list->by_first_[c]) all.by_first_[c].push_back({w.text, tag});
            all.first_[c] = all.first_[c] || list->first_[c];
        }
        all.longest_ = std::max(all.longest_, list->longest_);
    }
    all.fill_starts();
    return all;
}

template <typename Found>
void WordList::scan(std::string_view text, std::size_t from, std::size_t to, Found found) const {
    if (to > text.size()) to = text.size();
    for (std::size_t at = from; at < to; ++at) {
        // Most bytes start no keyword: one table lookup decides (upper case folded in).
        const auto raw = static_cast<unsigned char>(text[at]);
        if (!starts_[raw]) continue;
        const auto c = static_cast<unsigned char>(lower(text[at]));
        // Keywords starting with a letter or digit start words: skip the middle of words.
        if (is_alnum(static_cast<char>(c)) && at > 0 && is_alnum(text[at - 1])) continue;
        for (const Word& word : by_first_[c]) {
            if (at + word.text.size() > to) continue;
            if (!equal_at(text, at, word.text)) continue;
            const std::size_t e = at + word.text.size();
            if (e < text.size() && is_alnum(text[e]) && is_alnum(word.text.back())) continue;
            if (!found(at, word.tag)) break;
        }
    }
}

std::size_t WordList::last_in(std::string_view text, std::size_t from, std::size_t to) const {
    std::size_t last = std::string_view::npos;
    scan(text, from, to, [&](std::size_t at, std::uint32_t) {
        last = at;
        return false;  // one word per position is enough
    });
    return last;
}

std::uint32_t WordList::tags_in(std::string_view text, std::size_t from, std::size_t to) const {
    std::uint32_t tags = 0;
    scan(text, from, to, [&](std::size_t, std::uint32_t tag) {
        tags |= tag;
        return true;  // another list may have a word here too
    });
    return tags;
}

std::size_t last_word_at(std::string_view text, std::size_t from, std::size_t to, const WordList& words) {
    return words.last_in(text, from, to);
}

bool contains_word(std::string_view text, std::size_t from, std::size_t to, const WordList& words) {
    return words.last_in(text, from, to) != std::string_view::npos;
}

ByteRange line_of(std::string_view text, std::size_t pos) {
    if (pos > text.size()) pos = text.size();
    const void* nl = pos == 0 ? nullptr : memrchr(text.data(), '\n', pos);
    const std::size_t start = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1 : 0;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > start && text[end - 1] == '\r') --end;
    return {start, end};
}

ByteRange before(std::string_view text, std::size_t pos, std::size_t bytes) {
    if (pos > text.size()) pos = text.size();
    const std::size_t limit = pos > bytes ? pos - bytes : 0;
    // No line break at all (most of prose): nothing can stop the walk.
    if (std::memchr(text.data() + limit, '\n', pos - limit) == nullptr) return {limit, pos};
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
    if (std::memchr(text.data() + pos, '\n', limit - pos) == nullptr) return {pos, limit};
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
               const WordList& words) {
    const ByteRange b = before(text, pos, bytes);
    if (contains_word(text, b.start, b.end, words)) return true;
    if (after_bytes == 0) return false;
    const ByteRange a = after(text, end, after_bytes);
    return contains_word(text, a.start, a.end, words);
}

}  // namespace chaperone::pii
