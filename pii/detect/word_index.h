// One lookup per word of text for the name detector: the roster matcher's token id and the
// lexicon's flags (name_lexicon.h) together, from a table built once per DetectorSet.
//
// Why: names are looked for in every word of every text; two hash lookups per word (roster,
// lexicon) cost more than tokenizing. The table holds the roster's name words and the
// lexicon's words, about 10,000 entries for a 2,000-pupil school.
//
// Thread-safety: immutable after construction; find() from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pii/roster/roster_index.h"
#include "pii/roster/token_table.h"

namespace chaperone::pii {

class WordIndex {
public:
    struct Entry {
        std::int32_t roster_id = TokenTable::kAbsent;  // id in roster->names().table()
        std::uint32_t flags = 0;                       // lexicon::Flag bits
    };

    explicit WordIndex(const RosterIndex* roster);
    // `hash` is hash_folded(folded) (NameToken::hash).
    Entry find(std::string_view folded, std::uint64_t hash) const {
        const std::int32_t id = table_.find(folded, hash);
        return id < 0 ? Entry{} : entries_[static_cast<std::size_t>(id)];
    }

private:
    TokenTable table_;
    std::vector<Entry> entries_;
};

}  // namespace chaperone::pii
