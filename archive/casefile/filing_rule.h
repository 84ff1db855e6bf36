// The filing rule of DESIGN.md: a parent email is "filed to the case file of each pupil it
// concerns: the contact's children; where the contact has several children and the message
// names some of them, those ones; otherwise all of them (recorded as such)".
//
// decide_filing() is that rule as a pure function. With several contacts (both parents on
// To:), each is judged on its own and the results are merged; a pupil reached more than
// once keeps the most specific basis (named > only_child > all_children). A pupil named in
// the message who is not a child of any contact is NOT filed to: that is another family
// (and the policy engine's business). Output is sorted by UPN.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "archive/casefile/correspondence.h"
#include "pii/roster/roster.h"

namespace chaperone::archive {

struct ContactChildren {
    std::string email;
    std::vector<std::string> children;  // UPNs
};

std::vector<FiledPupil> decide_filing(const std::vector<ContactChildren>& contacts,
                                      const std::vector<std::string>& named_upns);

// The children of each address in `emails` according to the roster (addresses compared
// case-insensitively; an address that is no contact gets an empty list).
std::vector<ContactChildren> children_of(const pii::Roster& roster, const std::vector<std::string>& emails);

}  // namespace chaperone::archive
