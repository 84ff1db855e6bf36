// Rule pupil-external: pupil accounts mail only inside the school.
//
// A pupil account is a sender (MAIL FROM, or the SASL login when it is an address) that
// matches one of [policy] pupil_accounts, e.g. "*@pupils.school.example". The roster has no
// pupil email column, so the patterns are the only source. Trusted partner domains are
// still outside the school: the rule fires for every external recipient.
#include "policies/address/domain.h"
#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

bool is_pupil_account(const std::string& address, const Config& config) {
    if (address.find('@') == std::string::npos) return false;
    for (const std::string& pattern : config.policy.pupil_accounts) {
        if (address_matches_glob(address, pattern)) return true;
    }
    return false;
}

class PupilExternalRule final : public Rule {
public:
    using Rule::Rule;

    std::optional<RuleHit> evaluate(const RuleContext& context) const override {
        if (!context.recipients.has_external()) return std::nullopt;
        const Envelope& e = context.envelope;
        if (!is_pupil_account(e.mail_from, context.config) &&
            !is_pupil_account(normalize_address(e.auth_user), context.config))
            return std::nullopt;
        RuleHit hit;
        hit.recipients = context.recipients.external;
        hit.reason = "pupil accounts can only send email to addresses inside the school";
        return hit;
    }
};

}  // namespace

std::unique_ptr<Rule> make_pupil_external_rule(const RuleInfo& info) { return std::make_unique<PupilExternalRule>(info); }

}  // namespace chaperone::policies
