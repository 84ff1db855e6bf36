// The SMTP envelope of one message, as the MTA told the milter (or as `chaperone check`
// was given it): who sends, to whom, and the MTA's own identifiers.
#pragma once

#include <string>
#include <vector>

namespace chaperone::policies {

struct Envelope {
    std::string mail_from;                // normalised; empty for the null sender <>
    std::vector<std::string> recipients;  // normalised RCPT TO addresses, in order
    std::string auth_user;                // SASL login when the client authenticated
    std::string queue_id;                 // the MTA's queue id, for logs
    std::string client_address;           // the SMTP client's IP address
};

}  // namespace chaperone::policies
