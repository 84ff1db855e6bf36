// Token-sequence name matcher; see name_matcher.h.
#include "pii/roster/name_matcher.h"

#include <algorithm>

namespace chaperone::pii {
namespace {

// Separators allowed inside one part of a name ("Anne-Marie", "O'Neill", "Mary Ann").
bool is_within_part_gap(Gap g) { return g == Gap::space || g == Gap::hyphen || g == Gap::apostrophe; }
// Between forename and surname: spaces, a line wrap in a flowed paragraph, or a comma
// between two cells of a CSV row ("Oliver,Bennett,2016-04-03").
bool is_forward_gap(Gap g) { return g == Gap::space || g == Gap::newline || g == Gap::comma; }
// Between surname and forename: "Bennett, Oliver", "BENNETT Oliver", a CSV cell boundary.
bool is_reversed_gap(Gap g) { return g == Gap::comma || g == Gap::space; }

std::string without_apostrophes(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\'') continue;
        if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") {
            i += 2;
            continue;
        }
        out.push_back(s[i]);
    }
    return out;
}

bool has_apostrophe(std::string_view s) {
    return s.find('\'') != std::string_view::npos || s.find("\xE2\x80\x99") != std::string_view::npos ||
           s.find("\xE2\x80\x98") != std::string_view::npos;
}

std::string first_word(std::string_view s) {
    const auto end = s.find_first_of(" \t");
    return std::string(s.substr(0, end));
}

}  // namespace

std::vector<std::int32_t> NameMatcher::intern_words(std::string_view text) {
    TokenizedText tokens;
    tokenize_names(text, tokens);
    std::vector<std::int32_t> ids;
    ids.reserve(tokens.tokens.size());
    for (const auto& t : tokens.tokens) ids.push_back(table_.intern(tokens.folded_of(t)));
    return ids;
}

void NameMatcher::add_pattern(std::vector<std::int32_t> first, std::vector<std::int32_t> second, NameForm form,
                              NameEntity who) {
    if (first.empty() || (form != NameForm::forename_only && second.empty())) return;
    Pattern p;
    p.tokens = std::move(first);
    p.split = static_cast<std::uint8_t>(p.tokens.size());
    p.tokens.insert(p.tokens.end(), second.begin(), second.end());
    p.form = form;
    if (p.tokens.size() > 16) return;  // not a name; keeps split in range

    std::string key(reinterpret_cast<const char*>(p.tokens.data()), p.tokens.size() * sizeof(std::int32_t));
    key.push_back(static_cast<char>(p.split));
    key.push_back(static_cast<char>(form));
    auto [it, inserted] = pattern_by_key_.try_emplace(key, static_cast<std::uint32_t>(patterns_.size()));
    if (!inserted) {
        auto& entities = patterns_[it->second].entities;
        if (std::find(entities.begin(), entities.end(), who) == entities.end()) entities.push_back(who);
        return;
    }
    p.entities.push_back(who);
    const auto head = static_cast<std::size_t>(p.tokens.front());
    if (starts_pattern_.size() <= head) starts_pattern_.resize(head + 1, false);
    starts_pattern_[head] = true;
    if (p.tokens.size() == 1) {
        if (singles_.size() <= head) singles_.resize(head + 1);
        singles_[head].push_back(it->second);
    } else {
        if (pairs_.size() <= head) pairs_.resize(head + 1);
        auto& seconds = pairs_[head];
        const std::int32_t second = p.tokens[1];
        auto at = std::lower_bound(seconds.begin(), seconds.end(), second,
                                   [](const BySecond& b, std::int32_t v) { return b.second < v; });
        if (at == seconds.end() || at->second != second) at = seconds.insert(at, BySecond{second, {}});
        at->patterns.push_back(it->second);
    }
    patterns_.push_back(std::move(p));
}

void NameMatcher::add_person(std::string_view forename, std::string_view middle, std::string_view surname,
                             NameEntity who) {
    if (forename.empty() || surname.empty()) return;
    std::vector<std::string> forenames = {std::string(forename)};
    if (const std::string first = first_word(forename); first != forename) forenames.push_back(first);
    if (!middle.empty()) forenames.push_back(std::string(forename) + " " + std::string(middle));
    std::vector<std::string> surnames = {std::string(surname)};
    if (has_apostrophe(surname)) surnames.push_back(without_apostrophes(surname));
    for (std::size_t i = 0, n = forenames.size(); i < n; ++i) {
        if (has_apostrophe(forenames[i])) forenames.push_back(without_apostrophes(forenames[i]));
    }
    for (const auto& f : forenames) {
        const auto f_ids = intern_words(f);
        for (const auto& s : surnames) {
            const auto s_ids = intern_words(s);
            add_pattern(f_ids, s_ids, NameForm::full, who);
            add_pattern(s_ids, f_ids, NameForm::reversed, who);
        }
    }
}

void NameMatcher::add_forename_only(std::string_view forename, NameEntity who) {
    if (forename.empty()) return;
    add_pattern(intern_words(forename), {}, NameForm::forename_only, who);
    if (const std::string first = first_word(forename); first != forename) {
        add_pattern(intern_words(first), {}, NameForm::forename_only, who);
    }
    if (has_apostrophe(forename)) add_pattern(intern_words(without_apostrophes(forename)), {}, NameForm::forename_only, who);
}

void NameMatcher::lookup(const TokenizedText& text, std::vector<std::int32_t>& ids) const {
    ids.resize(text.tokens.size());
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
        const NameToken& t = text.tokens[i];
        ids[i] = (t.flags & NameToken::kAllDigits) ? TokenTable::kAbsent : table_.find(text.folded_of(t), t.hash);
    }
}

bool NameMatcher::try_pattern(const Pattern& p, const TokenizedText& text, const std::vector<std::int32_t>& ids,
                              std::size_t i, NameMatch& out) const {
    const std::size_t n = ids.size();
    std::size_t at = i;
    bool skipped = false;
    for (std::size_t k = 0; k < p.tokens.size(); ++k) {
        if (k > 0) {
            const bool boundary = (k == p.split);
            if (boundary && p.form == NameForm::full) {
                // Unknown middle names between forename and surname.
                std::size_t middles = 0;
                while (at < n && ids[at] != p.tokens[k] && middles < kMaxMiddleNames &&
                       (text.tokens[at].gap == Gap::space || text.tokens[at].gap == Gap::newline) && text.tokens[at].capitalised() &&
                       !(text.tokens[at].flags & NameToken::kAllDigits)) {
                    ++at, ++middles;
                }
                if (middles) skipped = true;
            }
            if (at >= n || ids[at] != p.tokens[k]) return false;
            const Gap g = text.tokens[at].gap;
            const bool ok = !boundary                          ? is_within_part_gap(g)
                            : p.form == NameForm::reversed     ? is_reversed_gap(g)
                                                               : is_forward_gap(g);
            if (!ok) return false;
        } else if (ids[at] != p.tokens[0]) {
            return false;
        }
        ++at;
    }
    out.first = i;
    out.last = at - 1;
    out.form = p.form;
    out.entities = p.entities;
    out.middle_skipped = skipped;
    return true;
}

bool NameMatcher::match_at(const TokenizedText& text, const std::vector<std::int32_t>& ids, std::size_t i,
                           NameMatch& out) const {
    const std::int32_t head = ids[i];
    if (head < 0 || static_cast<std::size_t>(head) >= starts_pattern_.size() || !starts_pattern_[static_cast<std::size_t>(head)]) {
        return false;
    }
    bool found = false;
    NameMatch candidate;
    auto consider = [&](const std::vector<std::uint32_t>& list) {
        for (const std::uint32_t pi : list) {
            if (!try_pattern(patterns_[pi], text, ids, i, candidate)) continue;
            // Longest wins; on a tie, a two-part name beats a forename alone.
            if (!found || candidate.last > out.last ||
                (candidate.last == out.last && out.form == NameForm::forename_only && candidate.form != NameForm::forename_only)) {
                out = candidate;
                found = true;
            }
        }
    };
    const auto h = static_cast<std::size_t>(head);
    if (h < singles_.size()) consider(singles_[h]);
    if (h >= pairs_.size() || pairs_[h].empty()) return found;
    const std::vector<BySecond>& seconds = pairs_[h];
    // The second word of a pattern follows directly, or after up to kMaxMiddleNames middle names.
    for (std::size_t k = 1; k <= 1 + kMaxMiddleNames && i + k < ids.size(); ++k) {
        if (k > 1 && !text.tokens[i + k - 1].capitalised()) break;  // only capitalised middle names are skipped
        const std::int32_t second = ids[i + k];
        if (second < 0) continue;
        const auto at = std::lower_bound(seconds.begin(), seconds.end(), second,
                                         [](const BySecond& b, std::int32_t v) { return b.second < v; });
        if (at != seconds.end() && at->second == second) consider(at->patterns);
    }
    return found;
}

}  // namespace chaperone::pii
