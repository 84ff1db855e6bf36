// Splits a message's recipients into internal and external by [school] internal_domains
// (subdomains included, case-insensitive, IDN-safe), and marks trusted partner domains.
#pragma once

#include <string>
#include <vector>

#include "policies/config/config.h"
#include "policies/decision/envelope.h"

namespace chaperone::policies {

struct RecipientSplit {
    std::vector<std::string> internal;
    std::vector<std::string> external;  // every recipient outside the school, trusted or not
    std::vector<std::string> trusted;   // the external ones in [policy] trusted_domains

    bool has_external() const { return !external.empty(); }
    // True when every external recipient is in a trusted domain (there may be none).
    bool all_external_trusted() const { return trusted.size() == external.size(); }
};

RecipientSplit split_recipients(const std::vector<std::string>& recipients, const Config& config);

// True when the address is in one of the school's own domains.
bool is_internal_address(const std::string& address, const Config& config);

}  // namespace chaperone::policies
