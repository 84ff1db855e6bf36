// Rule other-family: "one family per email". A message to a parent (a roster contact) that
// names a pupil of the school who is not that parent's child, or that pupil's family.
//
// Every finding the roster ties to pupils (pupil_upns: the pupil's own name, DOB, address,
// UPN; a contact's name or phone, through their children) is checked against the children
// of each external parent recipient. A name several pupils share is read as the parent's own
// child when one of them is. Recipients who are not roster contacts are left to pii-in-body.
#include "pii/roster/roster_index.h"
#include "policies/address/domain.h"
#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class OtherFamilyRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        if (!context.roster) return std::nullopt;
        const auto& findings = context.scan.findings;
        RuleHit hit;
        std::set<std::size_t> fired;
        for (const std::string& recipient : pii_recipients(context)) {
            if (!context.roster->is_contact_email(recipient)) continue;
            std::set<std::string> children;
            for (const auto& upn : context.roster->children_of_contact_email(recipient)) children.insert(ascii_lower(upn));
            bool names_other = false;
            for (std::size_t i = 0; i < findings.size(); ++i) {
                const pii::Finding& f = findings[i];
                if (f.pupil_upns.empty()) continue;
                bool own = false;
                for (const auto& upn : f.pupil_upns) own = own || children.count(ascii_lower(upn)) > 0;
                if (own) continue;
                names_other = true;
                fired.insert(i);
            }
            if (names_other) hit.recipients.push_back(recipient);
        }
        if (hit.recipients.empty()) return std::nullopt;
        hit.findings.assign(fired.begin(), fired.end());
        hit.reason = "a message to a parent mentions another family's child (one family per email); "
                     "check the recipient's address";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_other_family_rule(const RuleInfo& info) { return std::make_unique<OtherFamilyRule>(info); }

}  // namespace chaperone::policies
