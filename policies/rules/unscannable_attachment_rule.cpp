// Rule unscannable-attachment: an attachment Chaperone could not read is not let out.
//
// Unreadable means extraction reported it so (corrupt, a zip bomb, a format we cannot
// read) or a [limits] limit was reached while reading the message (too deep, too many
// parts, too large): in both cases some content went unchecked. Password-protected
// attachments are not unreadable: they are the sanctioned route.
#include <set>

#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class UnscannableAttachmentRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        std::vector<std::string> recipients = pii_recipients(context);
        if (recipients.empty()) return std::nullopt;
        const pii::Extraction& x = context.scan.extraction;
        std::set<std::string> unreadable_set;  // counted as sent: a zip with 3 bad entries is 1
        for (const auto& a : x.attachments) {
            if (a.protection == pii::Protection::unreadable) unreadable_set.insert(top_attachment(a.name));
        }
        std::size_t unreadable = unreadable_set.size();
        if (unreadable == 0 && x.limits.empty()) return std::nullopt;
        RuleHit hit;
        hit.recipients = std::move(recipients);
        if (unreadable > 0) {
            hit.reason = count_of(unreadable, "attachment", "attachments") +
                         " could not be checked (damaged, an unknown format or too large); "
                         "send it in a password-protected file or another way";
        } else {
            hit.reason = "part of the message could not be checked (it reached a size or nesting limit); "
                         "send large or nested files another way";
        }
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_unscannable_attachment_rule(const RuleInfo& info) {
    return std::make_unique<UnscannableAttachmentRule>(info);
}

}  // namespace chaperone::policies
