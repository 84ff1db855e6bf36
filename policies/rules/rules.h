// The factories of the rules, one per file, called by the catalog (rule_catalog.cpp) with
// the rule's own catalog entry.
#pragma once

#include <memory>

#include "policies/rules/rule.h"

namespace chaperone::policies {

std::unique_ptr<Rule> make_pii_in_body_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_pii_in_unprotected_attachment_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_password_in_message_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_other_family_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_pupil_external_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_unscannable_attachment_rule(const RuleInfo& info);
std::unique_ptr<Rule> make_weak_protection_rule(const RuleInfo& info);

}  // namespace chaperone::policies
