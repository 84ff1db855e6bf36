// The school's roster, indexed for the detectors and the policy engine.
//
//   auto index = RosterIndex::build(roster);          // once per roster import
//   index->names()                                    // every pupil / contact / staff name
//   index->pupils_born_on(2016, 4, 3)                 // DOB lookup
//   index->children_of_contact_email("mum@x.example") // UPNs of that parent's children
//
// What is indexed: pupils' and contacts' full names in all their written forms (see
// name_matcher.h), pupils' forenames alone, staff names (so that staff are recognised and
// never reported), DOBs, postcodes, first address lines, UPNs, contact and staff emails.
// Relationship queries answer the policy engine's "one family per email" questions.
//
// Thread-safety: immutable after build(); share one instance between all threads through
// shared_ptr<const RosterIndex>. A new import builds a new index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pii/roster/name_matcher.h"
#include "pii/roster/person_name_parts.h"
#include "pii/roster/roster.h"

namespace chaperone::pii {

enum class TitleSex : std::uint8_t { unknown, female, male };
// mr, master -> male; mrs, ms, miss -> female; others (dr, mx, prof) -> unknown.
TitleSex sex_of_title(std::string_view folded_title);

// A roster address line found in a text.
struct AddressMatch {
    std::size_t end = 0;  // byte offset just past the address line in the text
    std::span<const std::uint32_t> pupils;
};

class RosterIndex {
public:
    static std::shared_ptr<const RosterIndex> build(Roster roster);
    explicit RosterIndex(Roster roster);

    const Roster& roster() const { return roster_; }
    // Unique to this index in the process (never 0): caches keyed by it cannot mistake a
    // new index for an old one at the same address.
    std::uint64_t serial() const { return serial_; }
    const NameMatcher& names() const { return names_; }

    // --- people -----------------------------------------------------------------------
    const Pupil* pupil(std::string_view upn) const;  // UPN case-insensitive
    std::optional<std::uint32_t> pupil_index(std::string_view upn) const;
    std::vector<const Contact*> contacts_by_email(std::string_view email) const;
    std::vector<std::string> children_of_contact_email(std::string_view email) const;
    // Contacts whose phone is this number (any spacing, 0... or +44 ...).
    std::span<const std::uint32_t> contacts_with_phone(std::string_view phone) const;
    bool is_staff_email(std::string_view email) const;
    bool is_contact_email(std::string_view email) const;
    const StaffMember* staff_by_email(std::string_view email) const;

    // The parsed name of contact / staff row `index` (title, forename, surname).
    const PersonNameParts& contact_name(std::uint32_t index) const { return contact_names_[index]; }
    const PersonNameParts& staff_name(std::uint32_t index) const { return staff_names_[index]; }
    // Whether "Mr X" or "Mrs X" can refer to contact `index`: from the title in the roster
    // name, else from the relationship (Mother, Father, ...).
    TitleSex contact_sex(std::uint32_t index) const { return contact_sex_[index]; }

    // UPNs named by name-match entities: a pupil's own, a contact's child's (sorted, unique).
    std::vector<std::string> upns_of(std::span<const NameEntity> entities) const;
    // The same as ranks in the roster's sorted list of UPNs (sorted, unique), to compare and
    // intersect as integers; upns_at() turns ranks back into UPNs, upn_rank() a UPN into one.
    std::vector<std::uint32_t> upn_ranks_of(std::span<const NameEntity> entities) const;
    std::vector<std::string> upns_at(std::span<const std::uint32_t> ranks) const;
    std::optional<std::uint32_t> upn_rank(std::string_view upn) const;

    // A pupil's or contact's first forename word and surname, folded ("anne", "dupre"), as
    // the name detector compares them with the correspondents' names.
    struct FoldedName {
        std::string forename, surname;
    };
    const FoldedName& folded_name(const NameEntity& e) const {
        return e.kind == EntityKind::pupil ? pupil_folded_[e.index] : contact_folded_[e.index];
    }

    // Roster rows by folded surname ("dupre"): contacts and pupils; staff surnames as a set.
    std::span<const std::uint32_t> contacts_with_surname(std::string_view folded) const;
    std::span<const std::uint32_t> pupils_with_surname(std::string_view folded) const;
    bool is_staff_surname(std::string_view folded) const;
    // Folded forenames of pupils and contacts (to recognise names the built-in list lacks).
    bool is_roster_forename(std::string_view folded) const;
    // The same by the matcher's token id (NameMatcher::lookup): no hashing at scan time.
    bool is_roster_forename_token(std::int32_t id) const {
        return id >= 0 && static_cast<std::size_t>(id) < forename_tokens_.size() && forename_tokens_[static_cast<std::size_t>(id)];
    }

    // --- dates and places -------------------------------------------------------------
    std::span<const std::uint32_t> pupils_born_on(int year, int month, int day) const;
    // Postcode in any spacing or case ("le4 6xt", "LE46XT").
    std::span<const std::uint32_t> pupils_at_postcode(std::string_view postcode) const;
    // A roster first address line starting at text[pos] (case, spacing and punctuation
    // free), e.g. "14 Larch Close" or "Flat 2, 7 Mill Road", with the roster town when it
    // follows ("14 Larch Close, Leicester").
    std::optional<AddressMatch> match_address_at(std::string_view text, std::size_t pos) const;

private:
    using IndexList = std::vector<std::uint32_t>;
    struct RosterAddress {
        std::vector<std::string> tokens;       // folded words of address_line1
        std::vector<std::string> town_tokens;  // folded words of the town, when the roster has one
        IndexList pupils;
    };

    static std::span<const std::uint32_t> find_list(const std::unordered_map<std::string, IndexList>& map,
                                                    const std::string& key);

    std::uint64_t serial_;
    Roster roster_;
    NameMatcher names_;
    std::unordered_map<std::string, std::uint32_t> pupil_by_upn_;
    std::unordered_map<std::string, IndexList> contacts_by_email_;
    std::unordered_map<std::string, std::uint32_t> staff_by_email_;
    std::unordered_map<std::string, IndexList> contacts_by_phone_;
    std::vector<PersonNameParts> contact_names_;
    std::vector<FoldedName> pupil_folded_, contact_folded_;
    // UPNs in sorted order (unique, none empty), and each pupil's / contact's place in it
    // (kNoUpn when empty): upns_of() sorts small integers, not strings.
    static constexpr std::uint32_t kNoUpn = 0xFFFFFFFF;
    std::vector<std::string> sorted_upns_;
    std::vector<std::uint32_t> pupil_upn_rank_, contact_upn_rank_;
    std::vector<TitleSex> contact_sex_;
    std::vector<PersonNameParts> staff_names_;
    std::unordered_map<std::string, IndexList> contacts_by_surname_;
    std::unordered_map<std::string, IndexList> pupils_by_surname_;
    std::unordered_set<std::string> staff_surnames_;
    std::unordered_set<std::string> roster_forenames_;
    std::vector<bool> forename_tokens_;  // by NameMatcher token id
    // By year * 10000 + month * 100 + day, for DOBs written "YYYY-MM-DD" (no string to build
    // per date looked up); any other spelling stays in the string map, looked up as before.
    std::unordered_map<std::uint32_t, IndexList> pupils_by_dob_day_;
    std::unordered_map<std::string, IndexList> pupils_by_dob_;
    std::unordered_map<std::string, IndexList> pupils_by_postcode_;
    std::vector<RosterAddress> addresses_;
    std::unordered_map<std::string, IndexList> addresses_by_head_;  // "14 larch": folded first two words -> addresses_
};

// "le4 6xt" -> "LE46XT": upper case, spaces removed.
std::string normalise_postcode(std::string_view postcode);
// Lower case, trimmed.
std::string normalise_email(std::string_view email);
// UK national digits: "+44 (0)7700 900123", "0044 7700900123", "07700-900123" -> "07700900123".
std::string normalise_uk_phone(std::string_view phone);

}  // namespace chaperone::pii
