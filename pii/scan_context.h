// What a scan knows about the message around the text: who writes to whom, and what the
// school itself publishes. Detectors use it to leave out the correspondents (the recipient
// greeted in the salutation, the sender and the signature), staff, and the school's own
// address and phone numbers: none of those are pupil or family PII.
#pragma once

#include <string>
#include <vector>

namespace chaperone::pii {

struct Correspondent {
    std::string address;       // normalised email address
    std::string display_name;  // "Sarah Smith" from a To:/From: header; may be empty
};

struct ScanContext {
    Correspondent sender;
    std::vector<Correspondent> recipients;  // envelope recipients, with names from To:/Cc: when known
    std::string school_address;
    std::vector<std::string> school_phones;
    std::vector<std::string> internal_domains;  // the school's own mail domains; subdomains count too
};

}  // namespace chaperone::pii
