// The catalog of policy rules, in evaluation order. Each rule's id, default action, what it
// catches and the policy clause it comes from are written once, in rule_catalog.cpp, and
// shown in the README's rule table.
#pragma once

#include <memory>
#include <vector>

#include "policies/rules/rule.h"

namespace chaperone::policies {

std::vector<std::unique_ptr<Rule>> make_rules();
// The catalog entries, in evaluation order.
const std::vector<RuleInfo>& rule_catalog();
// The entry for `id`, or null.
const RuleInfo* find_rule_info(std::string_view id);

}  // namespace chaperone::policies
