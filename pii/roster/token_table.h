// An interning hash table of folded words: word -> small integer id, and back.
//
// Use: at build time intern() every word of every roster name; at scan time find() each
// token of the text with the hash the tokenizer already computed (one probe in the common
// case of a word that is no one's name). Open addressing over a power-of-two array.
//
// Thread-safety: build on one thread; afterwards find() is const and safe from any thread.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace chaperone::pii {

class TokenTable {
public:
    static constexpr std::int32_t kAbsent = -1;

    // The id of `folded`, adding it when new.
    std::int32_t intern(std::string_view folded);
    // The id of `folded` (whose hash_folded() is `hash`), or kAbsent.
    std::int32_t find(std::string_view folded, std::uint64_t hash) const;
    std::int32_t find(std::string_view folded) const;

    std::size_t size() const { return words_.size(); }
    const std::string& word(std::int32_t id) const { return words_[static_cast<std::size_t>(id)]; }

private:
    void rehash(std::size_t capacity);

    // A slot holds the id, a tag (24 bits of the word's hash and its length) and the word's
    // first eight bytes, so that a probe rejects a different word, and accepts a word of up
    // to eight bytes (most of them), without touching the word itself.
    struct Slot {
        std::int32_t id = kAbsent;
        std::uint32_t tag = 0;
        std::uint64_t head = 0;
    };
    static std::uint32_t tag_of(std::uint64_t hash, std::size_t size) {
        return static_cast<std::uint32_t>(hash >> 40) << 8 | static_cast<std::uint32_t>(size < 255 ? size : 255);
    }
    // The first min(8, size) bytes, zero-padded (folded words hold no NUL).
    static std::uint64_t head_of(std::string_view word);

    std::vector<std::string> words_;
    std::vector<std::uint64_t> hashes_;
    std::vector<Slot> slots_;  // size is a power of two
};

// find() and head_of() are inline: they run once per word of every scanned text, and a
// call costs as much as the probe itself.
inline std::uint64_t TokenTable::head_of(std::string_view word) {
    // Whole loads only inside the word: two overlapping ones for 4..7 bytes, three single
    // bytes for 1..3 (the overlaps hold the same bytes, so OR puts each in its place).
    const auto* p = reinterpret_cast<const unsigned char*>(word.data());
    const std::size_t n = word.size();
    if (std::endian::native != std::endian::little) {
        std::uint64_t head = 0;
        for (std::size_t k = 0; k < n && k < 8; ++k) head |= static_cast<std::uint64_t>(p[k]) << (8 * k);
        return head;
    }
    if (n >= 8) {
        std::uint64_t head;
        std::memcpy(&head, p, 8);
        return head;
    }
    if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        return static_cast<std::uint64_t>(lo) | static_cast<std::uint64_t>(hi) << (8 * (n - 4));
    }
    if (n == 0) return 0;
    return static_cast<std::uint64_t>(p[0]) | static_cast<std::uint64_t>(p[n / 2]) << (8 * (n / 2)) |
           static_cast<std::uint64_t>(p[n - 1]) << (8 * (n - 1));
}

inline std::int32_t TokenTable::find(std::string_view folded, std::uint64_t hash) const {
    if (slots_.empty()) return kAbsent;
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t tag = tag_of(hash, folded.size());
    const std::uint64_t head = head_of(folded);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.id == kAbsent) return kAbsent;
        if (slot.tag != tag || slot.head != head) continue;
        if (folded.size() <= 8) return slot.id;  // same length, same bytes
        const std::string& w = words_[static_cast<std::size_t>(slot.id)];
        if (w.size() == folded.size() && std::memcmp(w.data() + 8, folded.data() + 8, w.size() - 8) == 0) return slot.id;
    }
}

}  // namespace chaperone::pii
