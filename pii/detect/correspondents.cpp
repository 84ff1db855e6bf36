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

void CorrespondentNames::add(const PersonNameParts& parts) {
    const std::string forename = fold_text(parts.forename);
    const std::string surname = fold_text(parts.surname);
    if (!forename.empty() && !parts.forename_is_initial) forenames_.insert(forename);
    if (!surname.empty()) surnames_.insert(surname);
    if (!forename.empty() && !surname.empty()) full_names_.insert(forename + " " + surname);
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
    return full_names_.count(key) > 0;
}

CorrespondentNames find_correspondents(const ScanContext& context, const RosterIndex* roster, std::string_view text,
                                       const MessageRegions& regions) {
    CorrespondentNames names;
    std::vector<const Correspondent*> people = {&context.sender};
    for (const auto& r : context.recipients) people.push_back(&r);
    for (const Correspondent* c : people) {
        if (!c->display_name.empty()) names.add_text(c->display_name);
        if (!c->address.empty()) {
            names.add(name_from_email_local_part(local_part(c->address)));
            if (roster) {
                for (const Contact* contact : roster->contacts_by_email(c->address)) {
                    names.add(parse_person_name(contact->contact_name));
                }
                if (const StaffMember* staff = roster->staff_by_email(c->address)) names.add(parse_person_name(staff->name));
            }
        }
    }
    for (const ByteRange& g : regions.greetings) names.add_text(text.substr(g.start, g.end - g.start));
    return names;
}

}  // namespace chaperone::pii
