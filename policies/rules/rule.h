// One policy rule: looks at a message, its recipients and its PII findings, and says
// whether it fires, why (in words a member of staff can act on), and on which findings.
//
// Rules are pure: no I/O, no MTA. Each rule lives in its own file under policies/rules/
// and is listed in rule_catalog.cpp with its id, default action and the policy clause it
// comes from (RuleInfo); the rule is built from its catalog entry, so the three are written
// once. The engine applies [rules.ID] settings, exemptions and the strictest-action
// choice; a rule only reports.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pii/mime/mime_message.h"
#include "pii/scanner.h"
#include "policies/config/config.h"
#include "policies/decision/envelope.h"
#include "policies/decision/recipient_split.h"

namespace chaperone::pii {
class RosterIndex;
}

namespace chaperone::policies {

struct RuleContext {
    const Config& config;
    const Envelope& envelope;
    const RecipientSplit& recipients;
    const pii::MimeMessage& message;
    const pii::ScanReport& scan;     // empty when nothing was scanned (internal-only mail)
    const pii::RosterIndex* roster;  // null when no roster has been imported
};

struct RuleHit {
    std::string rule_id;
    Action action = Action::quarantine;   // after [rules.ID] settings
    std::string reason;                   // one line, no PII: "a pupil's date of birth in the open text"
    std::vector<std::size_t> findings;    // indexes into scan.findings that made it fire
    std::vector<std::string> recipients;  // the recipients it fired for (exemptions are per recipient domain)
};

// A rule's catalog entry: what the README's rule table shows.
struct RuleInfo {
    std::string_view id;
    Action default_action;
    std::string_view catches;  // what it catches, one sentence
    std::string_view clause;   // the seed-policy clause: "file: section"
};

class Rule {
public:
    explicit Rule(const RuleInfo& info) : info_(info) {}
    virtual ~Rule() = default;
    std::string_view id() const { return info_.id; }
    Action default_action() const { return info_.default_action; }
    // The seed-policy clause the rule enforces, for the README and `chaperone check`.
    std::string_view clause() const { return info_.clause; }
    const RuleInfo& info() const { return info_; }
    virtual std::optional<RuleHit> evaluate(const RuleContext& context) const = 0;

private:
    const RuleInfo& info_;
};

}  // namespace chaperone::policies
