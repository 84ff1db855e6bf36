// Rule pii-in-body: personal data in the open text of a message that leaves the school.
//
// "Open text" is what extraction calls "body": the Subject, every body part (plain, HTML)
// and inline forwarded messages. Recipients in [policy] trusted_domains may receive PII;
// a parent recipient may be told their own children's names (rule_support.h: discloses()).
#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class PiiInBodyRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        std::vector<std::string> recipients = pii_recipients(context);
        if (recipients.empty()) return std::nullopt;
        std::set<std::string> family = shared_children(context, recipients);
        RuleHit hit;
        const auto& findings = context.scan.findings;
        for (std::size_t i = 0; i < findings.size(); ++i) {
            if (in_open_text(findings[i]) && discloses(findings[i], family)) hit.findings.push_back(i);
        }
        if (hit.findings.empty()) return std::nullopt;
        hit.recipients = std::move(recipients);
        hit.reason = "personal data (" + describe_kinds(findings, hit.findings) +
                     ") in the open text of a message to an address outside the school";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_pii_in_body_rule(const RuleInfo& info) { return std::make_unique<PiiInBodyRule>(info); }

}  // namespace chaperone::policies
