// Who the message is between: names of the sender and recipients, from the envelope and
// headers (ScanContext), from the roster (a recipient who is a parent, a sender who is
// staff) and from the greeting in the text ("Dear Mr and Mrs Bennett,").
//
// The person-name detector asks: is this full name, this "Mrs <surname>", this forename
// alone one of the correspondents? Those are not findings.
//
// Thread-safety: a plain value built once per scanned text.
#pragma once

#include <string>
#include <string_view>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "pii/detect/message_regions.h"
#include "pii/roster/person_name_parts.h"
#include "pii/roster/roster_index.h"
#include "pii/scan_context.h"

namespace chaperone::pii {

class CorrespondentNames {
public:
    // `sex` when known from a title ("Mrs") or the roster (a Mother); otherwise unknown.
    void add(const PersonNameParts& parts, TitleSex sex = TitleSex::unknown);
    // "Mr and Mrs Bennett", "Sarah & Tom", "Bennett, Sarah"; titles give each name its sex.
    void add_text(std::string_view names);

    // Arguments are folded ("sarah", "bennett", "van der berg").
    bool has_forename(std::string_view folded) const {
        return forenames_.count(std::string(folded)) > 0 || (base_ && base_->has_forename(folded));
    }
    // A correspondent with this surname whom `title_sex` can address: "Mr Bennett" is not the
    // correspondent when the correspondent is Mrs Bennett (he is her husband, spoken about).
    bool has_surname(std::string_view folded, TitleSex title_sex = TitleSex::unknown) const;
    bool has_full_name(std::string_view forename, std::string_view surname) const;
    bool empty() const { return forenames_.empty() && surnames_.empty() && (!base_ || base_->empty()); }

    // The names of `base` count as this object's too: the envelope's correspondents, worked
    // out once and shared by every text scanned with the same envelope and roster.
    void set_base(std::shared_ptr<const CorrespondentNames> base) { base_ = std::move(base); }

private:
    std::uint8_t surname_sexes(std::string_view folded) const;  // bit per TitleSex seen; 0: none

    std::shared_ptr<const CorrespondentNames> base_;
    std::unordered_set<std::string> forenames_;
    std::unordered_map<std::string, std::uint8_t> surnames_;  // surname -> bit per TitleSex seen
    std::unordered_set<std::string> full_names_;  // "forename surname"
};

// The envelope's names (sender and recipients, by the roster when it knows them) come from
// a per-thread cache of the last envelope and roster seen: a milter thread scans every
// part of a message, and message after message to the same people. The greeting's names
// are the text's own.
CorrespondentNames find_correspondents(const ScanContext& context, const RosterIndex* roster, std::string_view text,
                                       const MessageRegions& regions);

}  // namespace chaperone::pii
