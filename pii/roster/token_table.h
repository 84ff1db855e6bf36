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

    std::vector<std::string> words_;
    std::vector<std::uint64_t> hashes_;
    std::vector<std::int32_t> slots_;  // kAbsent or an id; size is a power of two
};

}  // namespace chaperone::pii
