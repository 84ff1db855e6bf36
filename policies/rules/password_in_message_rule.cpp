// Rule password-in-message: the password of a protected attachment written in the same
// message. Encrypting the attachment protects nothing when the key travels with it; the
// policy asks for the password to be given another way (a phone call, a text message).
//
// Fires only when the message carries at least one password-protected attachment, and
// looks at the open text (Subject and body) with find_password_disclosures().
#include "policies/rules/password_disclosure.h"
#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class PasswordInMessageRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        std::vector<std::string> recipients = pii_recipients(context);
        if (recipients.empty()) return std::nullopt;
        const pii::Extraction& x = context.scan.extraction;
        bool protected_attachment = false;
        for (const auto& a : x.attachments) protected_attachment = protected_attachment || pii::is_protected(a.protection);
        if (!protected_attachment) return std::nullopt;
        bool disclosed = false;
        for (const auto& source : x.texts) {
            if (source.where == "body" && !find_password_disclosures(source.text).empty()) disclosed = true;
        }
        if (!disclosed) return std::nullopt;
        RuleHit hit;
        hit.recipients = std::move(recipients);
        hit.reason = "the password for the protected attachment is written in the same message; "
                     "give it to the recipient another way (phone or text message)";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_password_in_message_rule(const RuleInfo& info) {
    return std::make_unique<PasswordInMessageRule>(info);
}

}  // namespace chaperone::policies
