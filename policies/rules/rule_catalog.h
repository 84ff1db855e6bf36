// The catalog of policy rules, in evaluation order. Each rule's id, default action and the
// policy clause it comes from are documented in the README's rule table.
#pragma once

#include <memory>
#include <vector>

#include "policies/rules/rule.h"

namespace chaperone::policies {

std::vector<std::unique_ptr<Rule>> make_rules();

}  // namespace chaperone::policies
