// Rule pii-in-unprotected-attachment: personal data in an attachment that is not
// password-protected, going outside the school.
//
// Protected attachments (encrypted ZIP, PDF, Office) are never opened, so they yield no
// findings: a finding in an attachment means it was readable. The same family allowance
// as pii-in-body applies (a parent may be sent their own child's name).
#include <set>

#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class PiiInUnprotectedAttachmentRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        std::vector<std::string> recipients = pii_recipients(context);
        if (recipients.empty()) return std::nullopt;
        std::set<std::string> family = shared_children(context, recipients);
        RuleHit hit;
        std::set<std::string> attachments;
        const auto& findings = context.scan.findings;
        for (std::size_t i = 0; i < findings.size(); ++i) {
            if (in_open_text(findings[i]) || !discloses(findings[i], family)) continue;
            hit.findings.push_back(i);
            attachments.insert(top_attachment(findings[i].where));
        }
        if (hit.findings.empty()) return std::nullopt;
        hit.recipients = std::move(recipients);
        hit.reason = "personal data (" + describe_kinds(findings, hit.findings) + ") in " +
                     count_of(attachments.size(), "attachment that is", "attachments that are") +
                     " not password-protected, to an address outside the school";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_pii_in_unprotected_attachment_rule(const RuleInfo& info) {
    return std::make_unique<PiiInUnprotectedAttachmentRule>(info);
}

}  // namespace chaperone::policies
