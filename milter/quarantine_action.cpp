// Holding a message for the DPO; see quarantine_action.h.
#include "milter/quarantine_action.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "archive/notice/notice.h"
#include "archive/quarantine/crash_point.h"
#include "archive/quarantine/fingerprint.h"
#include "archive/quarantine/hold_request.h"
#include "milter/delivered_form.h"
#include "milter/message_assembly.h"
#include "milter/message_processor.h"
#include "pii/base/log.h"
#include "policies/footer/footer_inserter.h"

namespace chaperone::milter {
namespace {

std::string rule_list(const policies::Decision& decision) {
    std::string out;
    for (std::size_t i = 0; i < decision.rules.size(); ++i) out += (i ? "," : "") + decision.rules[i].rule_id;
    return out;
}

// The message as the MTA would have delivered it had the verdict been deliver: footed,
// with the headers a delivered message gets.
Result<std::string> held_form(const EngineSnapshot& engine, const CollectedMessage& message, pii::MimeMessage& mime,
                              const policies::Decision& decision) {
    const policies::Config& config = *engine.config;
    DeliveredChanges changes;
    if (decision.external() && config.disclaimer.enabled) {
        policies::FooterLimits limits;
        limits.max_mime_parts = config.limits.max_mime_parts;
        limits.max_mime_depth = config.limits.max_mime_depth;
        policies::FooterResult footer =
            policies::insert_footer(mime, policies::FooterText{config.disclaimer.text, config.disclaimer.html}, limits);
        changes.footer_added = footer.outcome == policies::FooterOutcome::added;
        changes.top_level_changed = footer.top_level_changed;
        changes.added_headers.push_back({kDisclaimerHeader, std::string(policies::footer_header_value(footer.outcome))});
    }
    if (config.milter.add_status_header) {
        changes.added_headers.push_back({kStatusHeader, fmt::format("quarantine; external; findings={}; rules={}",
                                                                    decision.scan.findings.size(), rule_list(decision))});
    }
    return delivered_form(message, mime, changes);
}

archive::NoticeFacts notice_facts(const archive::QuarantineEntry& held) {
    archive::NoticeFacts facts;
    facts.kind = archive::NoticeKind::held;
    facts.sender = held.envelope_from;
    facts.recipients = held.envelope_to;
    facts.subject = held.subject;
    facts.sent_at = held.held_at;
    facts.id = held.id;
    facts.rules = held.rules;
    return facts;
}

}  // namespace

MtaReply quarantine_message(const EngineSnapshot& engine, const CollectedMessage& message, pii::MimeMessage& mime,
                            const policies::Decision& decision) {
    const policies::Config& config = *engine.config;
    const std::string& qid = message.envelope.queue_id;
    auto tempfail = [&](const std::string& why) {
        // Even with fail_open: the policy decided to hold this message, so it must not pass.
        log::error("queue_id={} quarantine failed, tempfail: {}", qid, why);
        return MtaReply::tempfail("Chaperone could not hold this message for review, please try again later");
    };
    if (!engine.store) return tempfail("no quarantine store");

    auto body = message.body.read_all();
    if (!body) return tempfail("reading the body: " + body.error_message());
    std::string message_id = mime.header("Message-ID");
    std::string subject = mime.header("Subject");
    std::string fingerprint = archive::quarantine_fingerprint(
        {message.envelope.mail_from, &message.envelope.recipients, message_id, mime.header("Date"), subject, *body});
    archive::HeldHeaders headers{mime.header("From"), subject, message_id};

    auto delivered = held_form(engine, message, mime, decision);
    if (!delivered) return tempfail("building the held message: " + delivered.error_message());
    bool notice_wanted = config.quarantine.notify_sender && message.envelope.mail_from.find('@') != std::string::npos;
    archive::HoldRequest request = archive::build_hold_request(decision, message.envelope, headers,
                                                               std::move(delivered).value(), fingerprint,
                                                               archive::now_utc());
    request.notice_wanted = notice_wanted;
    auto held = engine.store->quarantine().hold(request);
    if (!held) return tempfail(held.error_message());
    archive::crash_point("after-commit");
    log::info("queue_id={} quarantine id={}{} from=<{}> rcpts={} rules={}", qid, held->id,
              held->already_held ? " (a retry of a message already held: not held twice)" : "", message.envelope.mail_from,
              message.envelope.recipients.size(), rule_list(decision));

    if (held->notice == archive::NoticeState::pending) {
        auto entry = engine.store->quarantine().find(held->id);
        if (entry) {
            archive::NoticeResult sent = archive::send_notice(notice_facts(*entry), config);
            auto state = sent.sent ? archive::NoticeState::sent : archive::NoticeState::failed;
            if (Status s = engine.store->quarantine().set_notice(held->id, state, sent.detail); !s)
                log::warning("queue_id={} quarantine id={} recording the notice: {}", qid, held->id, s.message());
            if (sent.sent) log::info("queue_id={} quarantine id={} notice sent to the sender", qid, held->id);
            else log::warning("queue_id={} quarantine id={} notice failed: {}", qid, held->id, sent.detail);
        } else {
            log::warning("queue_id={} quarantine id={} notice not sent: {}", qid, held->id, entry.error_message());
        }
    }
    archive::crash_point("before-reply");
    return MtaReply::discard();
}

void notify_on_delivery(const EngineSnapshot& engine, const CollectedMessage& message, const pii::MimeMessage& mime,
                        const policies::Decision& decision) {
    const policies::Config& config = *engine.config;
    const std::string& qid = message.envelope.queue_id;
    if (decision.monitor && decision.enforced != policies::Action::deliver && engine.store) {
        nlohmann::json details = {{"would", std::string(policies::action_name(decision.enforced))},
                                  {"rules", nlohmann::json::array()},
                                  {"queue_id", qid}};
        for (const auto& hit : decision.rules) details["rules"].push_back(hit.rule_id);
        auto recorded = engine.store->audit().append(archive::Actor{"milter", "milter"},
                                                     archive::AuditEvent{"policy.monitor", "message " + qid, details.dump()});
        if (!recorded) log::warning("queue_id={} recording the monitor-mode verdict: {}", qid, recorded.error_message());
    }
    archive::NoticeFacts facts;
    facts.kind = archive::NoticeKind::warning;
    for (const auto& hit : decision.rules) {
        if (hit.action == policies::Action::deliver) facts.rules.push_back({hit.rule_id, "deliver", hit.reason});
    }
    if (facts.rules.empty() || !config.quarantine.notify_sender) return;
    if (message.envelope.mail_from.find('@') == std::string::npos) return;
    facts.sender = message.envelope.mail_from;
    facts.recipients = message.envelope.recipients;
    // The subject as a notice may show it: without what the scan found in it.
    facts.subject = archive::masked_subject(mime.header("Subject"), decision.scan);
    facts.sent_at = archive::now_utc();
    archive::NoticeResult sent = archive::send_notice(facts, config);
    if (sent.sent) log::info("queue_id={} warning notice sent to the sender ({})", qid, rule_list(decision));
    else log::warning("queue_id={} warning notice failed: {}", qid, sent.detail);
}

}  // namespace chaperone::milter
