// Correspondents' names; see correspondents.h.
#include "pii/detect/correspondents.h"

#include <vector>

#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

std::string_view local_part(std::string_view address) {
    const auto at = address.find('@');
    return at == std::string_view::npos ? std::string_view{} : address.substr(0, at);
}

// Splits "Mr and Mrs Bennett" / "Sarah & Tom" / "Sarah, Tom and Ella" into one name each.
std::vector<std::string> split_names(std::string_view names) {
    std::vector<std::string> out(1);
    std::string word;
    auto flush_word = [&](bool separator) {
        const std::string folded = fold_text(word);
        if (separator || folded == "and") {
            if (!out.back().empty()) out.emplace_back();
        } else if (!word.empty()) {
            if (!out.back().empty()) out.back().push_back(' ');
            out.back() += word;
        }
        word.clear();
    };
    for (char c : names) {
        if (c == ' ' || c == '\t') {
            flush_word(false);
        } else if (c == '&' || c == '/' || c == '+' || c == ',') {
            flush_word(false);
            flush_word(true);
        } else {
            word.push_back(c);
        }
    }
    flush_word(false);
    if (out.back().empty()) out.pop_back();
    return out;
}

}  // namespace

void CorrespondentNames::add(const PersonNameParts& parts, TitleSex sex) {
    const std::string forename = fold_text(parts.forename);
    const std::string surname = fold_text(parts.surname);
    if (sex == TitleSex::unknown) sex = sex_of_title(parts.title);
    if (!forename.empty() && !parts.forename_is_initial) forenames_.insert(forename);
    if (!surname.empty()) surnames_[surname] |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(sex));
    if (!forename.empty() && !surname.empty()) full_names_.insert(forename + " " + surname);
}

std::uint8_t CorrespondentNames::surname_sexes(std::string_view folded) const {
    const auto it = surnames_.find(std::string(folded));
    const std::uint8_t here = it == surnames_.end() ? 0 : it->second;
    return base_ ? static_cast<std::uint8_t>(here | base_->surname_sexes(folded)) : here;
}

bool CorrespondentNames::has_surname(std::string_view folded, TitleSex title_sex) const {
    const std::uint8_t sexes = surname_sexes(folded);
    if (sexes == 0) return false;
    if (title_sex == TitleSex::unknown) return true;
    const std::uint8_t unknown = 1u << static_cast<unsigned>(TitleSex::unknown);
    const std::uint8_t same = static_cast<std::uint8_t>(1u << static_cast<unsigned>(title_sex));
    return (sexes & (unknown | same)) != 0;
}

void CorrespondentNames::add_text(std::string_view names) {
    if (names.find(',') != std::string_view::npos && names.find(" and ") == std::string_view::npos) {
        add(parse_person_name(names));  // "Bennett, Sarah"
        return;
    }
    const std::vector<std::string> pieces = split_names(names);
    std::vector<PersonNameParts> parsed;
    for (const auto& piece : pieces) parsed.push_back(parse_person_name(piece));
    // "Mr and Mrs Bennett": a lone title takes the surname of the name after it.
    for (std::size_t i = parsed.size(); i-- > 0;) {
        if (parsed[i].empty() && i + 1 < parsed.size()) parsed[i].surname = parsed[i + 1].surname;
    }
    for (const auto& p : parsed) add(p);
}

bool CorrespondentNames::has_full_name(std::string_view forename, std::string_view surname) const {
    std::string key(forename);
    key.push_back(' ');
    key += surname;
    return full_names_.count(key) > 0 || (base_ && base_->has_full_name(forename, surname));
}

namespace {

CorrespondentNames envelope_names(const ScanContext& context, const RosterIndex* roster) {
    CorrespondentNames names;
    std::vector<const Correspondent*> people = {&context.sender};
    for (const auto& r : context.recipients) people.push_back(&r);
    for (const Correspondent* c : people) {
        // The roster knows a parent's or a staff member's name and sex better than a header's
        // display name does ("Sarah Bennett" says nothing of "Mrs"); use it when it has them.
        bool in_roster = false;
        if (roster && !c->address.empty()) {
            for (const Contact* contact : roster->contacts_by_email(c->address)) {
                const auto index = static_cast<std::uint32_t>(contact - roster->roster().contacts.data());
                names.add(roster->contact_name(index), roster->contact_sex(index));
                in_roster = true;
            }
            if (const StaffMember* staff = roster->staff_by_email(c->address)) {
                names.add(parse_person_name(staff->name));
                in_roster = true;
            }
        }
        if (in_roster) continue;
        if (!c->display_name.empty()) names.add_text(c->display_name);
        // "sarah.bennett@..." names its owner when nothing else does (and tells no sex).
        if (!c->address.empty()) names.add(name_from_email_local_part(local_part(c->address)));
    }
    return names;
}

// The last envelope a thread saw, with the roster it was read against.
struct EnvelopeCache {
    std::uint64_t roster_serial = 0;  // 0: no roster
    std::vector<Correspondent> people;
    std::shared_ptr<const CorrespondentNames> names;

    bool holds(const ScanContext& context, std::uint64_t serial) const {
        if (!names || serial != roster_serial || people.size() != context.recipients.size() + 1) return false;
        auto same = [](const Correspondent& a, const Correspondent& b) {
            return a.address == b.address && a.display_name == b.display_name;
        };
        if (!same(people[0], context.sender)) return false;
        for (std::size_t i = 0; i < context.recipients.size(); ++i) {
            if (!same(people[i + 1], context.recipients[i])) return false;
        }
        return true;
    }
};

}  // namespace

CorrespondentNames find_correspondents(const ScanContext& context, const RosterIndex* roster, std::string_view text,
                                       const MessageRegions& regions) {
    thread_local EnvelopeCache cache;
    const std::uint64_t serial = roster ? roster->serial() : 0;
    if (!cache.holds(context, serial)) {
        cache.names = std::make_shared<const CorrespondentNames>(envelope_names(context, roster));
        cache.roster_serial = serial;
        cache.people.assign(1, context.sender);
        cache.people.insert(cache.people.end(), context.recipients.begin(), context.recipients.end());
    }
    CorrespondentNames names;
    names.set_base(cache.names);
    for (const ByteRange& g : regions.greetings) names.add_text(text.substr(g.start, g.end - g.start));
    return names;
}

}  // namespace chaperone::pii
