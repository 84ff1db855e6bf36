// Roster indexes; see roster_index.h.
#include "pii/roster/roster_index.h"

#include <algorithm>
#include <array>
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

RosterIndex::RosterIndex(Roster roster) : roster_(std::move(roster)) {
    for (std::uint32_t i = 0; i < roster_.pupils.size(); ++i) {
        const Pupil& p = roster_.pupils[i];
        const NameEntity who{EntityKind::pupil, i};
        names_.add_person(p.forename, "", p.surname, who);
        names_.add_forename_only(p.forename, who);
        if (!p.upn.empty()) pupil_by_upn_.emplace(upper_ascii(p.upn), i);
        if (!p.dob.empty()) pupils_by_dob_[p.dob].push_back(i);
        if (!p.postcode.empty()) pupils_by_postcode_[normalise_postcode(p.postcode)].push_back(i);
        if (!p.surname.empty()) pupils_by_surname_[fold_text(p.surname)].push_back(i);
        if (!p.forename.empty()) roster_forenames_.insert(first_folded_word(p.forename));
        if (!p.address_line1.empty()) {
            TokenizedText t;
            tokenize_names(p.address_line1, t);
            if (t.tokens.size() >= 2) {
                RosterAddress a;
                for (const auto& tok : t.tokens) a.tokens.emplace_back(t.folded_of(tok));
                auto existing = std::find_if(addresses_.begin(), addresses_.end(),
                                             [&](const RosterAddress& r) { return r.tokens == a.tokens; });
                if (existing != addresses_.end()) {
                    existing->pupils.push_back(i);
                } else {
                    a.pupils.push_back(i);
                    addresses_by_first_word_[a.tokens.front()].push_back(static_cast<std::uint32_t>(addresses_.size()));
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
    std::vector<std::string> upns;
    for (const NameEntity& e : entities) {
        if (e.kind == EntityKind::pupil) {
            upns.push_back(roster_.pupils[e.index].upn);
        } else if (e.kind == EntityKind::contact) {
            upns.push_back(roster_.contacts[e.index].upn);
        }
    }
    upns.erase(std::remove(upns.begin(), upns.end(), std::string()), upns.end());
    std::sort(upns.begin(), upns.end());
    upns.erase(std::unique(upns.begin(), upns.end()), upns.end());
    return upns;
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
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d-%02d", year, month, day);
    return find_list(pupils_by_dob_, key);
}

std::span<const std::uint32_t> RosterIndex::pupils_at_postcode(std::string_view postcode) const {
    return find_list(pupils_by_postcode_, normalise_postcode(postcode));
}

std::optional<AddressMatch> RosterIndex::match_address_at(std::string_view text, std::size_t pos) const {
    if (addresses_.empty() || pos >= text.size()) return std::nullopt;
    // Cheap test first: is the first word ("14", "flat") the first word of any roster line?
    std::string head;
    for (std::size_t i = pos; i < text.size() && head.size() < 16; ++i) {
        const char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            head.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            head.push_back(c);
        } else {
            break;
        }
    }
    if (head.empty() || addresses_by_first_word_.find(head) == addresses_by_first_word_.end()) return std::nullopt;
    const std::string_view snippet = text.substr(pos, kMaxAddressBytes);
    TokenizedText t;
    tokenize_names(snippet, t);
    if (t.tokens.empty() || t.tokens.front().start != 0) return std::nullopt;
    const auto candidates = find_list(addresses_by_first_word_, std::string(t.folded_of(t.tokens.front())));
    std::optional<AddressMatch> best;
    for (const std::uint32_t ai : candidates) {
        const RosterAddress& a = addresses_[ai];
        if (a.tokens.size() > t.tokens.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < a.tokens.size() && ok; ++k) {
            ok = is_address_gap(t.tokens[k].gap) && t.folded_of(t.tokens[k]) == a.tokens[k];
        }
        if (!ok) continue;
        // The text's word must end where the roster's does ("14 Mill Roads" is not "14 Mill Road").
        const std::size_t end = t.tokens[a.tokens.size() - 1].end;
        if (!best || pos + end > best->end) best = AddressMatch{pos + end, a.pupils};
    }
    return best;
}

}  // namespace chaperone::pii
