// An interning hash table of folded words: word -> small integer id, and back.
//
// Use: at build time intern() every word of every roster name; at scan time find() each
// token of the text with the hash the tokenizer already computed (one probe in the common
// case of a word that is no one's name). Open addressing over a power-of-two array.
//
// Thread-safety: build on one thread; afterwards find() is const and safe from any thread.
#pragma once

#include <cstdint>
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

}  // namespace chaperone::pii
