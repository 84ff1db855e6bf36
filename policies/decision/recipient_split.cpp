// Internal/external split of recipients; see recipient_split.h.
#include "policies/decision/recipient_split.h"

#include "policies/address/domain.h"

namespace chaperone::policies {

bool is_internal_address(const std::string& address, const Config& config) {
    return domain_within(address_domain(address), config.school.internal_domains);
}

RecipientSplit split_recipients(const std::vector<std::string>& recipients, const Config& config) {
    RecipientSplit split;
    for (const std::string& recipient : recipients) {
        std::string domain = address_domain(recipient);
        // An address without a domain is local to the MTA, hence internal.
        if (domain.empty() || domain_within(domain, config.school.internal_domains)) {
            split.internal.push_back(recipient);
            continue;
        }
        split.external.push_back(recipient);
        if (domain_within(domain, config.policy.trusted_domains)) split.trusted.push_back(recipient);
    }
    return split;
}

}  // namespace chaperone::policies
