// Splits a person's name as written in a roster or a mail header into title, forename,
// middle names and surname.
//
//   parse_person_name("Mrs Sarah Jane Smith")  -> {mrs, Sarah, Jane, Smith}
//   parse_person_name("Smith, Sarah")          -> {"", Sarah, "", Smith}
//   parse_person_name("Anna van der Berg")     -> {"", Anna, "", van der Berg}
//   name_from_email_local_part("sarah.smith")  -> {"", sarah, "", smith}
//
// Fields keep the input's spelling (fold them for matching). A single word with a title is
// a surname ("Mrs Smith"); a single word without one is a forename ("Sarah").
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

struct PersonNameParts {
    std::string title;     // folded: "mrs", "dr"; empty when none
    std::string forename;  // first given name ("J" when only an initial)
    std::string middle;    // further given names, space separated
    std::string surname;   // family name, particles included ("van der Berg")
    bool forename_is_initial = false;

    bool empty() const { return forename.empty() && surname.empty(); }
};

PersonNameParts parse_person_name(std::string_view name);

// "sarah.smith", "sarah_smith", "sarah-smith" -> forename and surname; anything else
// (one word, digits, initials) -> empty.
PersonNameParts name_from_email_local_part(std::string_view local_part);

// Folded personal titles: mr mrs ms miss mx dr master prof sir dame lady lord rev.
bool is_personal_title(std::string_view folded);

}  // namespace chaperone::pii
