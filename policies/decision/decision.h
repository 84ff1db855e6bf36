// The policy's verdict on one message, and everything needed to act on it and explain it.
//
// PolicyEngine::decide() is what the milter runs at end of message and what
// `chaperone check` runs offline: same input, same Decision.
//
// Thread-safety: a PolicyEngine is immutable and shared by all milter threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pii/mime/mime_message.h"
#include "pii/scanner.h"
#include "policies/config/config.h"
#include "policies/decision/envelope.h"
#include "policies/decision/recipient_split.h"
#include "policies/rules/rule.h"

namespace chaperone::policies {

struct Decision {
    Action verdict = Action::deliver;    // what happens to the message
    Action enforced = Action::deliver;   // what the rules asked for (differs from verdict in monitor mode)
    bool monitor = false;                // [policy] mode = "monitor"
    RecipientSplit recipients;
    bool scanned = false;                // PII engine ran (any external recipient)
    pii::ScanReport scan;
    std::vector<RuleHit> rules;          // every rule that fired, after exemptions
    std::string reply;                   // one line for the sender (reject/tempfail), no PII

    bool external() const { return recipients.has_external(); }
    // The disclaimer is added to delivered mail with an external recipient.
    bool wants_footer() const { return verdict == Action::deliver && external(); }
};

class PolicyEngine {
public:
    PolicyEngine(std::shared_ptr<const Config> config, std::shared_ptr<const pii::Scanner> scanner);
    ~PolicyEngine();

    Decision decide(const Envelope& envelope, const pii::MimeMessage& message) const;

    const Config& config() const { return *config_; }
    const pii::Scanner* scanner() const { return scanner_.get(); }

private:
    std::shared_ptr<const Config> config_;
    std::shared_ptr<const pii::Scanner> scanner_;
    std::vector<std::unique_ptr<Rule>> rules_;
};

// The ScanContext for a message: envelope plus display names from From/To/Cc, the
// school's own address, phones and domains.
pii::ScanContext scan_context_for(const Envelope& envelope, const pii::MimeMessage& message, const Config& config);

}  // namespace chaperone::policies
