// The policy engine: recipients, PII scan, rules, exemptions, strictest action, mode.
#include "policies/decision/decision.h"

#include <algorithm>

#include "policies/address/domain.h"
#include "policies/rules/rule_catalog.h"

namespace chaperone::policies {
namespace {

void add_names_from(GMimeMessage* message, GMimeAddressType type, std::vector<pii::Correspondent>& out) {
    InternetAddressList* list = g_mime_message_get_addresses(message, type);
    if (!list) return;
    int count = internet_address_list_length(list);
    for (int i = 0; i < count && i < 500; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
        const char* name = internet_address_get_name(address);
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        pii::Correspondent c;
        c.address = addr ? normalize_address(addr) : "";
        c.display_name = name ? name : "";
        out.push_back(std::move(c));
    }
}

bool sender_matches(const std::string& sender, const std::string& pattern) {
    if (pattern.empty()) return true;
    if (pattern.find('*') != std::string::npos || pattern.find('?') != std::string::npos)
        return address_matches_glob(sender, pattern);
    return ascii_lower(sender) == ascii_lower(normalize_address(pattern));
}

// Applies [[exemptions]] to one hit. Returns false when the hit is exempted entirely.
bool apply_exemptions(RuleHit& hit, const Envelope& envelope, const RecipientSplit& split, const Config& config) {
    for (const Exemption& e : config.policy.exemptions) {
        if (e.rule != "*" && e.rule != hit.rule_id) continue;
        if (!sender_matches(envelope.mail_from, e.sender)) continue;
        if (e.recipient_domain.empty()) return false;  // sender-wide exemption
        std::vector<std::string>& targets = hit.recipients;
        if (targets.empty()) targets = split.external;
        std::vector<std::string> domains = {e.recipient_domain};
        targets.erase(std::remove_if(targets.begin(), targets.end(),
                                     [&](const std::string& r) { return domain_within(address_domain(r), domains); }),
                      targets.end());
        if (targets.empty()) return false;
    }
    return true;
}

}  // namespace

pii::ScanContext scan_context_for(const Envelope& envelope, const pii::MimeMessage& message, const Config& config) {
    pii::ScanContext context;
    context.sender.address = envelope.mail_from;
    std::vector<pii::Correspondent> from;
    add_names_from(message.get(), GMIME_ADDRESS_TYPE_FROM, from);
    if (!from.empty()) {
        context.sender.display_name = from.front().display_name;
        if (context.sender.address.empty()) context.sender.address = from.front().address;
    }
    std::vector<pii::Correspondent> named;
    add_names_from(message.get(), GMIME_ADDRESS_TYPE_TO, named);
    add_names_from(message.get(), GMIME_ADDRESS_TYPE_CC, named);
    for (const std::string& rcpt : envelope.recipients) {
        pii::Correspondent c;
        c.address = rcpt;
        for (const auto& n : named) {
            if (ascii_lower(n.address) == ascii_lower(rcpt)) c.display_name = n.display_name;
        }
        context.recipients.push_back(std::move(c));
    }
    // Header recipients not in the envelope (e.g. a Cc on another relay) are correspondents too.
    for (auto& n : named) {
        bool known = std::any_of(context.recipients.begin(), context.recipients.end(),
                                 [&](const pii::Correspondent& c) { return ascii_lower(c.address) == ascii_lower(n.address); });
        if (!known) context.recipients.push_back(std::move(n));
    }
    context.school_address = config.school.address;
    context.school_phones = config.school.phones;
    context.internal_domains = config.school.internal_domains;
    return context;
}

PolicyEngine::PolicyEngine(std::shared_ptr<const Config> config, std::shared_ptr<const pii::Scanner> scanner)
    : config_(std::move(config)), scanner_(std::move(scanner)), rules_(make_rules()) {}

PolicyEngine::~PolicyEngine() = default;

Decision PolicyEngine::decide(const Envelope& envelope, const pii::MimeMessage& message) const {
    Decision decision;
    decision.monitor = config_->policy.mode == "monitor";
    decision.recipients = split_recipients(envelope.recipients, *config_);

    // Only mail that leaves the school is scanned: internal mail may carry PII by policy.
    if (decision.external() && scanner_) {
        decision.scan = scanner_->scan_message(message, scan_context_for(envelope, message, *config_));
        decision.scanned = true;
    }

    RuleContext context{*config_, envelope, decision.recipients, message, decision.scan,
                        scanner_ ? scanner_->roster() : nullptr};
    for (const auto& rule : rules_) {
        std::string id(rule->id());
        RuleConfig settings;
        settings.action = rule->default_action();
        if (auto it = config_->policy.rules.find(id); it != config_->policy.rules.end()) settings = it->second;
        if (!settings.enabled) continue;
        std::optional<RuleHit> hit = rule->evaluate(context);
        if (!hit) continue;
        hit->rule_id = id;
        hit->action = settings.action;
        if (!apply_exemptions(*hit, envelope, decision.recipients, *config_)) continue;
        decision.enforced = std::max(decision.enforced, hit->action);
        decision.rules.push_back(std::move(*hit));
    }

    decision.verdict = decision.monitor ? Action::deliver : decision.enforced;
    if (decision.verdict == Action::reject || decision.verdict == Action::tempfail) {
        // The first hit with the winning action explains the refusal to the sender.
        for (const auto& hit : decision.rules) {
            if (hit.action == decision.verdict) {
                decision.reply = hit.reason;
                break;
            }
        }
    }
    return decision;
}

}  // namespace chaperone::policies
