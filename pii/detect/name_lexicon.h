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

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace chaperone::pii::lexicon {

// Every list a word is on, from one lookup (callers that hold a token's hash avoid even the
// hashing: flags_of(folded, hash)).
enum Flag : std::uint32_t {
    kForename = 1u << 0,
    kStrongCommon = 1u << 1,
    kWeakCommon = 1u << 2,
    kOrganisation = 1u << 3,
    kRole = 1u << 4,
    kKinship = 1u << 5,
    kPersonalTitle = 1u << 6,
    kProfessionalTitle = 1u << 7,
    kNotASurname = 1u << 8,
    kRoleConnector = 1u << 9,
    kCommonSurname = 1u << 10,
    kWordForename = 1u << 11,
    kCalendar = 1u << 12,
    kThe = 1u << 13,         // "the"
    kNameLabel = 1u << 14,   // "name", "pupil", "child" ... before "Name: Jack Hill"
    kFamilyNoun = 1u << 15,  // "family", "twins", "household" ... after "the Okafor"
    kSaint = 1u << 16,       // "st", "saint": "St George" is no person
};
std::uint32_t flags_of(std::string_view folded, std::uint64_t hash);
std::uint32_t flags_of(std::string_view folded);
// Every word on any list, with its flags (for tables that want the lexicon folded in).
std::vector<std::pair<std::string_view, std::uint32_t>> all_words();

bool is_forename(std::string_view folded);
bool is_common_word_name(std::string_view folded);   // strong or weak
bool is_strong_common_word(std::string_view folded); // never a name on its own
// Forenames that are also words ("Will", "Hope", "Grace", "Mark"): names before a surname.
bool is_word_forename(std::string_view folded);
// Months, seasons and festivals that are also names ("May", "Summer"): before another
// capitalised word they name a date or a term ("May Half Term"), never a person.
bool is_calendar_word(std::string_view folded);
bool is_organisation_word(std::string_view folded);
// Place words that are also common surnames ("Hill", "Wood", "Hall"): a surname after a
// forename, a place after anything else.
bool is_common_surname(std::string_view folded);
bool is_role_word(std::string_view folded);
bool is_kinship_word(std::string_view folded);
bool is_personal_title(std::string_view folded);       // mr mrs ms miss mx master dr
bool is_professional_title(std::string_view folded);   // pc dc sgt cllr rev prof ...
bool is_not_a_surname(std::string_view folded);
// Well-known people a school writes about (authors, historical and public figures taught in
// the curriculum): "Julia Donaldson", "Mary Seacole". Folded full names.
bool is_public_figure(std::string_view folded_full_name);
// Words that may stand between a role word and the name it describes ("the", "our", "school").
bool is_role_connector(std::string_view folded);

}  // namespace chaperone::pii::lexicon
