// Roster indexes; see roster_index.h.
#include "pii/roster/roster_index.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>

#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

// Longest roster address line compared against a text, in bytes of text.
constexpr std::size_t kMaxAddressBytes = 160;

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string first_folded_word(std::string_view name) {
    const std::string folded = fold_text(name);
    return folded.substr(0, folded.find(' '));
}

TitleSex sex_of_relationship(std::string_view relationship) {
    const std::string r = fold_text(relationship);
    static constexpr std::array<std::string_view, 10> kFemale = {
        "mother", "mum", "stepmother", "step mother", "grandmother", "nan", "aunt", "foster mother", "sister", "grandma"};
    static constexpr std::array<std::string_view, 10> kMale = {
        "father", "dad", "stepfather", "step father", "grandfather", "grandad", "uncle", "foster father", "brother", "grandpa"};
    for (auto f : kFemale) {
        if (r == f) return TitleSex::female;
    }
    for (auto m : kMale) {
        if (r == m) return TitleSex::male;
    }
    return TitleSex::unknown;
}

std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
}

// Bytes read for the first two words of an address line ("14 larch", "flat 2").
constexpr std::size_t kHeadBytes = 48;

bool is_ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

enum class HeadWords { found, none, not_ascii };

// The first two words of `snippet`, folded and joined by one space, as tokenize_names()
// would give them ("14 Larch" -> "14 larch"), read straight from the bytes. Most digit
// runs in prose are no address ("60 new books"): this keeps the test for one free of
// allocation. `none`: the snippet does not start with a word or has fewer than two;
// `not_ascii`: a byte >= 0x80 comes before the second word ends (the caller tokenizes).
HeadWords ascii_head_words(std::string_view snippet, std::string& key) {
    const auto* b = reinterpret_cast<const unsigned char*>(snippet.data());
    const std::size_t n = snippet.size();
    std::size_t at = 0;
    for (int word = 0; word < 2; ++word) {
        if (word == 1) {
            while (at < n && !is_ascii_alnum(b[at])) {
                if (b[at] >= 0x80) return HeadWords::not_ascii;
                ++at;
            }
            if (at >= n) return HeadWords::none;
            key.push_back(' ');
        } else if (n == 0 || !is_ascii_alnum(b[0])) {
            return n && b[0] >= 0x80 ? HeadWords::not_ascii : HeadWords::none;
        }
        const std::size_t start = at;
        while (at < n && is_ascii_alnum(b[at])) {
            if (at - start < kMaxTokenBytes) key.push_back(static_cast<char>(b[at] >= 'A' && b[at] <= 'Z' ? b[at] - 'A' + 'a' : b[at]));
            ++at;
        }
        if (at < n && b[at] >= 0x80) return HeadWords::not_ascii;
    }
    return HeadWords::found;
}

// "2016-04-03" -> 20160403; nullopt for any other form (the string map keeps those).
std::optional<std::uint32_t> dob_day_key(std::string_view dob) {
    if (dob.size() != 10 || dob[4] != '-' || dob[7] != '-') return std::nullopt;
    std::uint32_t key = 0;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (dob[i] < '0' || dob[i] > '9') return std::nullopt;
        key = key * 10 + static_cast<std::uint32_t>(dob[i] - '0');
    }
    return key;
}

// Gaps allowed inside a written address line: "14, Larch Close", "St Mary's Road",
// "Flat 2,\n7 Mill Road".
bool is_address_gap(Gap g) {
    return g == Gap::space || g == Gap::comma || g == Gap::period || g == Gap::newline || g == Gap::hyphen ||
           g == Gap::apostrophe;
}

}  // namespace

TitleSex sex_of_title(std::string_view folded_title) {
    if (folded_title == "mr" || folded_title == "master") return TitleSex::male;
    if (folded_title == "mrs" || folded_title == "ms" || folded_title == "miss") return TitleSex::female;
    return TitleSex::unknown;
}

std::string normalise_postcode(std::string_view postcode) {
    std::string out;
    for (char c : postcode) {
        if (c == ' ' || c == '\t') continue;
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

std::string normalise_email(std::string_view email) {
    while (!email.empty() && (email.front() == ' ' || email.front() == '<')) email.remove_prefix(1);
    while (!email.empty() && (email.back() == ' ' || email.back() == '>')) email.remove_suffix(1);
    std::string out(email);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string normalise_uk_phone(std::string_view phone) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '+' && digits.empty()) {
            plus = true;
        } else if (c == '(' && phone.substr(i, 3) == "(0)") {
            i += 2;  // "+44 (0)116": the trunk zero written in brackets
        }
    }
    if (digits.rfind("0044", 0) == 0) {
        digits = "0" + digits.substr(4);
    } else if (plus && digits.rfind("44", 0) == 0) {
        digits = "0" + digits.substr(2);
    }
    return digits;
}

std::shared_ptr<const RosterIndex> RosterIndex::build(Roster roster) {
    return std::make_shared<const RosterIndex>(std::move(roster));
}

RosterIndex::RosterIndex(Roster roster) : serial_(next_serial()), roster_(std::move(roster)) {
    for (std::uint32_t i = 0; i < roster_.pupils.size(); ++i) {
        const Pupil& p = roster_.pupils[i];
        const NameEntity who{EntityKind::pupil, i};
        names_.add_person(p.forename, "", p.surname, who);
        names_.add_forename_only(p.forename, who);
        if (!p.upn.empty()) pupil_by_upn_.emplace(upper_ascii(p.upn), i);
        if (const auto day = dob_day_key(p.dob)) {
            pupils_by_dob_day_[*day].push_back(i);
        } else if (!p.dob.empty()) {
            pupils_by_dob_[p.dob].push_back(i);
        }
        if (!p.postcode.empty()) pupils_by_postcode_[normalise_postcode(p.postcode)].push_back(i);
        if (!p.surname.empty()) pupils_by_surname_[fold_text(p.surname)].push_back(i);
        if (!p.forename.empty()) roster_forenames_.insert(first_folded_word(p.forename));
        if (!p.address_line1.empty()) {
            TokenizedText t;
            tokenize_names(p.address_line1, t);
            if (t.tokens.size() >= 2) {
                RosterAddress a;
                for (const auto& tok : t.tokens) a.tokens.emplace_back(t.folded_of(tok));
                const std::string head = a.tokens[0] + " " + a.tokens[1];
                IndexList& same_head = addresses_by_head_[head];
                const auto existing = std::find_if(same_head.begin(), same_head.end(),
                                                   [&](std::uint32_t ai) { return addresses_[ai].tokens == a.tokens; });
                if (existing != same_head.end()) {
                    addresses_[*existing].pupils.push_back(i);
                } else {
                    a.pupils.push_back(i);
                    const std::string town = fold_text(p.town);
                    for (std::size_t at = 0; at < town.size();) {
                        const std::size_t end = std::min(town.find(' ', at), town.size());
                        a.town_tokens.push_back(town.substr(at, end - at));
                        at = end + 1;
                    }
                    same_head.push_back(static_cast<std::uint32_t>(addresses_.size()));
                    addresses_.push_back(std::move(a));
                }
            }
        }
    }
    contact_names_.reserve(roster_.contacts.size());
    for (std::uint32_t i = 0; i < roster_.contacts.size(); ++i) {
        const Contact& c = roster_.contacts[i];
        PersonNameParts parts = parse_person_name(c.contact_name);
        TitleSex sex = sex_of_title(parts.title);
        if (sex == TitleSex::unknown) sex = sex_of_relationship(c.relationship);
        contact_sex_.push_back(sex);
        const NameEntity who{EntityKind::contact, i};
        names_.add_person(parts.forename, parts.middle, parts.surname, who);
        if (!parts.surname.empty()) contacts_by_surname_[fold_text(parts.surname)].push_back(i);
        if (!parts.forename.empty() && !parts.forename_is_initial) roster_forenames_.insert(first_folded_word(parts.forename));
        if (!c.email.empty()) contacts_by_email_[normalise_email(c.email)].push_back(i);
        if (!c.phone.empty()) contacts_by_phone_[normalise_uk_phone(c.phone)].push_back(i);
        contact_names_.push_back(std::move(parts));
    }
    auto folded_name = [](std::string_view forename, std::string_view surname) {
        FoldedName f{fold_text(forename), fold_text(surname)};
        f.forename = f.forename.substr(0, f.forename.find(' '));
        return f;
    };
    for (const Pupil& p : roster_.pupils) pupil_folded_.push_back(folded_name(p.forename, p.surname));
    for (const PersonNameParts& parts : contact_names_) contact_folded_.push_back(folded_name(parts.forename, parts.surname));
    for (const Pupil& p : roster_.pupils) {
        if (!p.upn.empty()) sorted_upns_.push_back(p.upn);
    }
    for (const Contact& c : roster_.contacts) {
        if (!c.upn.empty()) sorted_upns_.push_back(c.upn);
    }
    std::sort(sorted_upns_.begin(), sorted_upns_.end());
    sorted_upns_.erase(std::unique(sorted_upns_.begin(), sorted_upns_.end()), sorted_upns_.end());
    auto rank_of = [&](const std::string& upn) {
        if (upn.empty()) return kNoUpn;
        return static_cast<std::uint32_t>(std::lower_bound(sorted_upns_.begin(), sorted_upns_.end(), upn) - sorted_upns_.begin());
    };
    for (const Pupil& p : roster_.pupils) pupil_upn_rank_.push_back(rank_of(p.upn));
    for (const Contact& c : roster_.contacts) contact_upn_rank_.push_back(rank_of(c.upn));
    forename_tokens_.assign(names_.table().size(), false);
    for (const std::string& f : roster_forenames_) {
        const std::int32_t id = names_.table().find(f);
        if (id >= 0) forename_tokens_[static_cast<std::size_t>(id)] = true;
    }
    for (std::uint32_t i = 0; i < roster_.staff.size(); ++i) {
        const StaffMember& s = roster_.staff[i];
        PersonNameParts parts = parse_person_name(s.name);
        names_.add_person(parts.forename, parts.middle, parts.surname, NameEntity{EntityKind::staff, i});
        if (!parts.surname.empty()) staff_surnames_.insert(fold_text(parts.surname));
        if (!s.email.empty()) staff_by_email_.emplace(normalise_email(s.email), i);
        staff_names_.push_back(std::move(parts));
    }
}

std::span<const std::uint32_t> RosterIndex::find_list(const std::unordered_map<std::string, IndexList>& map,
                                                      const std::string& key) {
    const auto it = map.find(key);
    if (it == map.end()) return {};
    return it->second;
}

const Pupil* RosterIndex::pupil(std::string_view upn) const {
    const auto i = pupil_index(upn);
    return i ? &roster_.pupils[*i] : nullptr;
}

std::optional<std::uint32_t> RosterIndex::pupil_index(std::string_view upn) const {
    const auto it = pupil_by_upn_.find(upper_ascii(upn));
    if (it == pupil_by_upn_.end()) return std::nullopt;
    return it->second;
}

std::vector<const Contact*> RosterIndex::contacts_by_email(std::string_view email) const {
    std::vector<const Contact*> out;
    for (const std::uint32_t i : find_list(contacts_by_email_, normalise_email(email))) out.push_back(&roster_.contacts[i]);
    return out;
}

std::vector<std::string> RosterIndex::children_of_contact_email(std::string_view email) const {
    std::vector<std::string> upns;
    for (const std::uint32_t i : find_list(contacts_by_email_, normalise_email(email))) {
        if (!roster_.contacts[i].upn.empty()) upns.push_back(roster_.contacts[i].upn);
    }
    std::sort(upns.begin(), upns.end());
    upns.erase(std::unique(upns.begin(), upns.end()), upns.end());
    return upns;
}

std::span<const std::uint32_t> RosterIndex::contacts_with_phone(std::string_view phone) const {
    return find_list(contacts_by_phone_, normalise_uk_phone(phone));
}

bool RosterIndex::is_staff_email(std::string_view email) const {
    return staff_by_email_.count(normalise_email(email)) > 0;
}

bool RosterIndex::is_contact_email(std::string_view email) const {
    return contacts_by_email_.count(normalise_email(email)) > 0;
}

const StaffMember* RosterIndex::staff_by_email(std::string_view email) const {
    const auto it = staff_by_email_.find(normalise_email(email));
    return it == staff_by_email_.end() ? nullptr : &roster_.staff[it->second];
}

std::vector<std::string> RosterIndex::upns_of(std::span<const NameEntity> entities) const {
    return upns_at(upn_ranks_of(entities));
}

std::vector<std::uint32_t> RosterIndex::upn_ranks_of(std::span<const NameEntity> entities) const {
    // Sorting the UPNs' ranks sorts the UPNs: the same list as sorting the strings, cheaper.
    std::vector<std::uint32_t> ranks;
    ranks.reserve(entities.size());
    for (const NameEntity& e : entities) {
        std::uint32_t r = kNoUpn;
        if (e.kind == EntityKind::pupil) {
            r = pupil_upn_rank_[e.index];
        } else if (e.kind == EntityKind::contact) {
            r = contact_upn_rank_[e.index];
        }
        if (r != kNoUpn) ranks.push_back(r);
    }
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    return ranks;
}

std::vector<std::string> RosterIndex::upns_at(std::span<const std::uint32_t> ranks) const {
    std::vector<std::string> upns;
    upns.reserve(ranks.size());
    for (const std::uint32_t r : ranks) upns.push_back(sorted_upns_[r]);
    return upns;
}

std::optional<std::uint32_t> RosterIndex::upn_rank(std::string_view upn) const {
    const auto it = std::lower_bound(sorted_upns_.begin(), sorted_upns_.end(), upn);
    if (it == sorted_upns_.end() || *it != upn) return std::nullopt;
    return static_cast<std::uint32_t>(it - sorted_upns_.begin());
}

std::span<const std::uint32_t> RosterIndex::contacts_with_surname(std::string_view folded) const {
    return find_list(contacts_by_surname_, std::string(folded));
}

std::span<const std::uint32_t> RosterIndex::pupils_with_surname(std::string_view folded) const {
    return find_list(pupils_by_surname_, std::string(folded));
}

bool RosterIndex::is_staff_surname(std::string_view folded) const { return staff_surnames_.count(std::string(folded)) > 0; }

bool RosterIndex::is_roster_forename(std::string_view folded) const {
    return roster_forenames_.count(std::string(folded)) > 0;
}

std::span<const std::uint32_t> RosterIndex::pupils_born_on(int year, int month, int day) const {
    if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
        const auto it = pupils_by_dob_day_.find(static_cast<std::uint32_t>(year * 10000 + month * 100 + day));
        return it == pupils_by_dob_day_.end() ? std::span<const std::uint32_t>{} : std::span<const std::uint32_t>(it->second);
    }
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d-%02d", year, month, day);
    return find_list(pupils_by_dob_, key);
}

std::span<const std::uint32_t> RosterIndex::pupils_at_postcode(std::string_view postcode) const {
    return find_list(pupils_by_postcode_, normalise_postcode(postcode));
}

std::optional<AddressMatch> RosterIndex::match_address_at(std::string_view text, std::size_t pos) const {
    if (addresses_.empty() || pos >= text.size()) return std::nullopt;
    // Cheap test first: are the first two words ("14 larch", "flat 2") those of a roster line?
    // Read them from a short snippet; tokenize the whole line only when they are.
    std::string key;
    const HeadWords head = ascii_head_words(text.substr(pos, kHeadBytes), key);
    if (head == HeadWords::none) return std::nullopt;
    if (head == HeadWords::not_ascii) {
        TokenizedText t;
        tokenize_names(text.substr(pos, kHeadBytes), t);
        if (t.tokens.size() < 2 || t.tokens.front().start != 0) return std::nullopt;
        key = t.folded_of(t.tokens[0]);
        key.push_back(' ');
        key += t.folded_of(t.tokens[1]);
    }
    const auto candidates = find_list(addresses_by_head_, key);
    if (candidates.empty()) return std::nullopt;
    const std::string_view snippet = text.substr(pos, kMaxAddressBytes);
    TokenizedText t;
    tokenize_names(snippet, t);
    std::optional<AddressMatch> best;
    for (const std::uint32_t ai : candidates) {
        const RosterAddress& a = addresses_[ai];
        if (a.tokens.size() > t.tokens.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < a.tokens.size() && ok; ++k) {
            ok = is_address_gap(t.tokens[k].gap) && t.folded_of(t.tokens[k]) == a.tokens[k];
        }
        if (!ok) continue;
        std::size_t last = a.tokens.size() - 1;
        // The town, when it follows: "14 Larch Close, Leicester".
        const std::size_t n = a.town_tokens.size();
        if (n && last + n < t.tokens.size()) {
            bool town = true;
            for (std::size_t k = 0; k < n && town; ++k) {
                const NameToken& tok = t.tokens[last + 1 + k];
                town = t.folded_of(tok) == a.town_tokens[k] && is_address_gap(tok.gap);
            }
            if (town) last += n;
        }
        const std::size_t end = t.tokens[last].end;
        if (!best || pos + end > best->end) best = AddressMatch{pos + end, a.pupils};
    }
    return best;
}

}  // namespace chaperone::pii
