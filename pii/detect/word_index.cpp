// Combined roster/lexicon word table; see word_index.h.
#include "pii/detect/word_index.h"

#include "pii/detect/name_lexicon.h"

namespace chaperone::pii {

WordIndex::WordIndex(const RosterIndex* roster) {
    auto entry = [&](std::string_view word) -> Entry& {
        const auto id = static_cast<std::size_t>(table_.intern(word));
        if (entries_.size() <= id) entries_.resize(id + 1);
        return entries_[id];
    };
    if (roster) {
        const TokenTable& names = roster->names().table();
        for (std::size_t id = 0; id < names.size(); ++id) {
            entry(names.word(static_cast<std::int32_t>(id))).roster_id = static_cast<std::int32_t>(id);
        }
    }
    for (const auto& [word, flags] : lexicon::all_words()) entry(word).flags |= flags;
}

}  // namespace chaperone::pii
