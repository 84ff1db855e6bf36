// Word lists the name heuristics rely on. All entries are folded (lower case, no accents).
//
// - forenames: given names common in English schools (UK birth registrations of the last
//   two decades and of parents' generations, across the communities schools serve). The
//   roster adds its own forenames on top (RosterIndex::is_roster_forename).
// - common-word names: names that are also ordinary English words or month names ("Will",
//   "May", "Grace", "Brown"); they never fire alone.
// - organisation / place words that, after a capitalised word, make it a thing rather than
//   a person ("Rose Class", "Grace Academy", "Victoria Road").
// - role words: a person named next to one is a professional in their role ("the social
//   worker, Ms Reed", "Dr Patel at the surgery").
// - kinship words: the name after one is a family member ("her brother Jack").
// - professional titles ("PC Davies", "Cllr Ahmed") and personal titles (Mr, Mrs, ...).
// - not-a-surname words: capitalised words that follow a forename without being a surname
//   (days, months, subjects, pronouns, sentence words).
//
// Thread-safety: constant tables, built on first use (thread-safe statics).
#pragma once

#include <string_view>

namespace chaperone::pii::lexicon {

bool is_forename(std::string_view folded);
bool is_common_word_name(std::string_view folded);   // strong or weak
bool is_strong_common_word(std::string_view folded); // never a name on its own
bool is_organisation_word(std::string_view folded);
bool is_role_word(std::string_view folded);
bool is_kinship_word(std::string_view folded);
bool is_personal_title(std::string_view folded);       // mr mrs ms miss mx master dr
bool is_professional_title(std::string_view folded);   // pc dc sgt cllr rev prof ...
bool is_not_a_surname(std::string_view folded);
// Words that may stand between a role word and the name it describes ("the", "our", "school").
bool is_role_connector(std::string_view folded);

}  // namespace chaperone::pii::lexicon
