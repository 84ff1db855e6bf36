// Rule weak-protection: an attachment protected only with an encryption that is easily
// broken — legacy ZipCrypto in a ZIP, or the legacy RC4/XOR of old .doc/.xls files.
// The default action is deliver: the sender gets a warning notice (how to use AES-256)
// while the message goes out, since it did use the sanctioned route.
#include <set>

#include "policies/rules/rule_support.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

class WeakProtectionRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        std::vector<std::string> recipients = pii_recipients(context);
        if (recipients.empty()) return std::nullopt;
        std::set<std::string> weak_set;  // counted as sent: the zip, not each entry in it
        for (const auto& a : context.scan.extraction.attachments) {
            if (a.protection == pii::Protection::encrypted_zipcrypto ||
                a.protection == pii::Protection::encrypted_legacy_office)
                weak_set.insert(top_attachment(a.name));
        }
        std::size_t weak = weak_set.size();
        if (weak == 0) return std::nullopt;
        RuleHit hit;
        hit.recipients = std::move(recipients);
        hit.reason = count_of(weak, "attachment is", "attachments are") +
                     " protected with old, easily broken encryption (ZipCrypto or legacy Office); "
                     "use AES-256 (e.g. 7-Zip or a current Office version) next time";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_weak_protection_rule(const RuleInfo& info) {
    return std::make_unique<WeakProtectionRule>(info);
}

}  // namespace chaperone::policies
