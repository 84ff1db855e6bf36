// Interning hash table; see token_table.h.
#include "pii/roster/token_table.h"

#include <bit>
#include <cstring>

#include "pii/roster/name_tokens.h"

namespace chaperone::pii {

std::int32_t TokenTable::find(std::string_view folded) const { return find(folded, hash_folded(folded)); }

std::int32_t TokenTable::intern(std::string_view folded) {
    const std::uint64_t hash = hash_folded(folded);
    if (const std::int32_t id = find(folded, hash); id != kAbsent) return id;
    // Keep the load factor under one half so probes stay short.
    if ((words_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
    const auto id = static_cast<std::int32_t>(words_.size());
    words_.emplace_back(folded);
    hashes_.push_back(hash);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].id != kAbsent) i = (i + 1) & mask;
    slots_[i] = {id, tag_of(hash, folded.size()), head_of(folded)};
    return id;
}

void TokenTable::rehash(std::size_t capacity) {
    slots_.assign(capacity, Slot{});
    const std::size_t mask = capacity - 1;
    for (std::size_t id = 0; id < words_.size(); ++id) {
        std::size_t i = hashes_[id] & mask;
        while (slots_[i].id != kAbsent) i = (i + 1) & mask;
        slots_[i] = {static_cast<std::int32_t>(id), tag_of(hashes_[id], words_[id].size()), head_of(words_[id])};
    }
}

}  // namespace chaperone::pii
