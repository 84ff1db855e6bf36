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
#include <unordered_set>

#include "pii/detect/message_regions.h"
#include "pii/roster/person_name_parts.h"
#include "pii/roster/roster_index.h"
#include "pii/scan_context.h"

namespace chaperone::pii {

class CorrespondentNames {
public:
    void add(const PersonNameParts& parts);
    // "Mr and Mrs Bennett", "Sarah & Tom", "Bennett, Sarah".
    void add_text(std::string_view names);

    // Arguments are folded ("sarah", "bennett", "van der berg").
    bool has_forename(std::string_view folded) const { return forenames_.count(std::string(folded)) > 0; }
    bool has_surname(std::string_view folded) const { return surnames_.count(std::string(folded)) > 0; }
    bool has_full_name(std::string_view forename, std::string_view surname) const;
    bool empty() const { return forenames_.empty() && surnames_.empty(); }

private:
    std::unordered_set<std::string> forenames_;
    std::unordered_set<std::string> surnames_;
    std::unordered_set<std::string> full_names_;  // "forename surname"
};

CorrespondentNames find_correspondents(const ScanContext& context, const RosterIndex* roster, std::string_view text,
                                       const MessageRegions& regions);

}  // namespace chaperone::pii
