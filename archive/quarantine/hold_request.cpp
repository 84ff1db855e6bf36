// Building a HoldRequest; see hold_request.h.
#include "archive/quarantine/hold_request.h"

#include <algorithm>
#include <set>

namespace chaperone::archive {

std::string masked_subject(const std::string& subject, const pii::ScanReport& scan) {
    // The extracted body text begins with the Subject line; findings whose span lies in that
    // first line are in the subject. Only trust that when the text really starts with it.
    const pii::TextSource* body = nullptr;
    for (const auto& t : scan.extraction.texts)
        if (t.where == "body") body = &t;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::vector<std::string> kinds;
    if (body) {
        std::string first_line = body->text.substr(0, body->text.find('\n'));
        for (const auto& f : scan.findings) {
            if (f.where != "body" || f.end > first_line.size() || f.start >= f.end) continue;
            spans.emplace_back(f.start, f.end);
            kinds.emplace_back(pii::kind_name(f.kind));
        }
        if (!spans.empty() && first_line != subject) {
            // The header and the extracted line differ (folding, encoding): mask all of it.
            return "[subject withheld: personal data]";
        }
    }
    if (spans.empty()) return subject;
    std::vector<std::size_t> order(spans.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return spans[a].first < spans[b].first; });
    std::string out;
    std::size_t pos = 0;
    for (std::size_t i : order) {
        auto [start, end] = spans[i];
        if (start < pos) {  // overlapping findings: extend the mask already written
            pos = std::max(pos, end);
            continue;
        }
        out += subject.substr(pos, start - pos);
        out += "[" + kinds[i] + "]";
        pos = end;
    }
    out += subject.substr(std::min(pos, subject.size()));
    return out;
}

HoldRequest build_hold_request(const policies::Decision& decision, const policies::Envelope& envelope,
                               const HeldHeaders& headers, std::string delivered_raw, std::string fingerprint,
                               const Timestamp& now) {
    HoldRequest r;
    r.fingerprint = std::move(fingerprint);
    r.received_at = now;
    r.queue_id = envelope.queue_id;
    r.envelope_from = envelope.mail_from;
    r.envelope_to = envelope.recipients;
    r.header_from = headers.from;
    r.subject = masked_subject(headers.subject, decision.scan);
    r.message_id = headers.message_id;
    std::vector<std::vector<std::string>> finding_rules(decision.scan.findings.size());
    for (const auto& hit : decision.rules) {
        r.rules.push_back({hit.rule_id, std::string(policies::action_name(hit.action)), hit.reason});
        for (std::size_t i : hit.findings)
            if (i < finding_rules.size()) finding_rules[i].push_back(hit.rule_id);
    }
    std::set<std::string> upns;
    for (std::size_t i = 0; i < decision.scan.findings.size(); ++i) {
        const pii::Finding& f = decision.scan.findings[i];
        r.findings.push_back({std::string(pii::kind_name(f.kind)), f.where, f.start, f.end, f.confidence,
                              std::move(finding_rules[i])});
        upns.insert(f.pupil_upns.begin(), f.pupil_upns.end());
    }
    r.pupil_upns.assign(upns.begin(), upns.end());
    for (const auto& a : decision.scan.extraction.attachments) {
        r.attachments.push_back({a.name, a.content_type, a.size, pii::protection_name(a.protection)});
    }
    r.raw_message = std::move(delivered_raw);
    return r;
}

}  // namespace chaperone::archive
