// Interning hash table; see token_table.h.
#include "pii/roster/token_table.h"

#include <bit>
#include <cstring>

#include "pii/roster/name_tokens.h"

namespace chaperone::pii {

std::int32_t TokenTable::find(std::string_view folded) const { return find(folded, hash_folded(folded)); }

std::uint64_t TokenTable::head_of(std::string_view word) {
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

std::int32_t TokenTable::find(std::string_view folded, std::uint64_t hash) const {
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
