// End-of-message processing; see message_processor.h.
#include "milter/message_processor.h"

#include <fmt/format.h>

#include <exception>

#include "milter/casefile_capture.h"
#include "milter/delivered_form.h"
#include "milter/message_assembly.h"
#include "milter/quarantine_action.h"
#include "pii/base/log.h"
#include "policies/footer/footer_inserter.h"

namespace chaperone::milter {
namespace {

std::string original_header(const CollectedMessage& message, const char* name) {
    for (const auto& h : message.headers) {
        if (g_ascii_strcasecmp(h.name.c_str(), name) == 0) {
            std::string v = h.value;
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
            return v;
        }
    }
    return "";
}

bool has_header(const CollectedMessage& message, const char* name) {
    for (const auto& h : message.headers)
        if (g_ascii_strcasecmp(h.name.c_str(), name) == 0) return true;
    return false;
}

// Removes every incoming copy of a header we write, so only ours reach the recipient.
Status drop_foreign_headers(const CollectedMessage& message, MtaActions& actions, const char* name) {
    int count = 0;
    for (const auto& h : message.headers)
        if (g_ascii_strcasecmp(h.name.c_str(), name) == 0) ++count;
    // Delete from the last so the 1-based indexes of the others do not shift.
    for (int i = count; i >= 1; --i) {
        if (Status s = actions.change_header(name, i, ""); !s) return s;
    }
    return Status::ok();
}

// After the footer changed the top-level MIME structure or encoding, the message's own
// Content-* headers must say so too (the MTA keeps its header copy; we only send the body).
Status sync_top_level_headers(const CollectedMessage& message, const pii::MimeMessage& parsed, MtaActions& actions) {
    for (const auto& [name, now] : policies::top_level_content_headers(parsed)) {
        std::string before = original_header(message, name.c_str());
        if (before == now) continue;
        Status s = has_header(message, name.c_str()) ? actions.change_header(name, 1, now)
                                                     : (now.empty() ? Status::ok() : actions.add_header(name, now));
        if (!s) return s;
    }
    return Status::ok();
}

std::string status_header(const policies::Decision& decision) {
    std::string value = decision.monitor && decision.enforced != policies::Action::deliver
                            ? fmt::format("monitor; would {}", policies::action_name(decision.enforced))
                            : fmt::format("{}", policies::action_name(decision.verdict));
    value += decision.external() ? "; external" : "; internal";
    if (decision.scanned) value += fmt::format("; findings={}", decision.scan.findings.size());
    if (!decision.rules.empty()) {
        value += "; rules=";
        for (std::size_t i = 0; i < decision.rules.size(); ++i) value += (i ? "," : "") + decision.rules[i].rule_id;
    }
    return value;
}

std::vector<std::string> rule_ids(const policies::Decision& decision) {
    std::vector<std::string> ids;
    for (const auto& hit : decision.rules) ids.push_back(hit.rule_id);
    return ids;
}

// The dashboard's figures (counter_store.h); held, released and discarded come from the
// quarantine's audit records instead.
void count(const EngineSnapshot& engine, archive::CounterEvent event, const std::vector<std::string>& rules = {}) {
    if (engine.counts) engine.counts->count(event, rules);
}

}  // namespace

MtaReply MessageProcessor::internal_error(const CollectedMessage& message, const std::string& reason) const {
    const auto& config = *engine_->config;
    if (config.milter.fail_open) {
        log::error("queue_id={} internal error, passed unchecked (fail_open = true): {}", message.envelope.queue_id, reason);
        return MtaReply::accept();
    }
    log::error("queue_id={} internal error, tempfail: {}", message.envelope.queue_id, reason);
    return MtaReply::tempfail("Chaperone could not check this message, please try again later");
}

MtaReply MessageProcessor::process(CollectedMessage& message, MtaActions& actions) const {
    try {
        return process_or_throw(message, actions);
    } catch (const std::exception& e) {
        return internal_error(message, e.what());
    } catch (...) {
        return internal_error(message, "unknown exception");
    }
}

MtaReply MessageProcessor::process_or_throw(CollectedMessage& message, MtaActions& actions) const {
    const policies::Config& config = *engine_->config;
    const std::string& qid = message.envelope.queue_id;
    if (!message.collect_error.is_ok()) return internal_error(message, message.collect_error.message());

    policies::RecipientSplit split = policies::split_recipients(message.envelope.recipients, config);
    if (message.oversized) {
        // Too big to scan. Internal mail may pass unscanned; external mail may not.
        if (!split.has_external()) {
            log::warning("queue_id={} {} bytes exceeds max_message_bytes; internal only, accepted unscanned", qid,
                         message.size());
            return MtaReply::accept();
        }
        log::warning("queue_id={} {} bytes exceeds max_message_bytes; external, rejected", qid, message.size());
        return MtaReply::reject("Message too large for the school's outbound checks; send large files another way",
                                "552", "5.3.4");
    }

    auto parsed = parse_collected(message);
    if (!parsed) {
        log::warning("queue_id={} not a parseable message: {}", qid, parsed.error_message());
        return MtaReply::reject("Message could not be read as MIME; it was not sent", "554", "5.6.0");
    }
    pii::MimeMessage& mime = *parsed;
    if (!mime.parse_warnings().empty()) {
        log::info("queue_id={} MIME repaired while parsing: {}{}", qid, mime.parse_warnings().front(),
                  mime.parse_warnings().size() > 1 ? fmt::format(" (+{} more)", mime.parse_warnings().size() - 1) : "");
    }

    policies::Decision decision = engine_->policy->decide(message.envelope, mime);
    count(*engine_, archive::CounterEvent::scanned);

    switch (decision.verdict) {
        case policies::Action::reject:
            log::info("queue_id={} reject: {}", qid, status_header(decision));
            count(*engine_, archive::CounterEvent::rejected, rule_ids(decision));
            return MtaReply::reject(decision.reply);
        case policies::Action::tempfail:
            log::info("queue_id={} tempfail: {}", qid, status_header(decision));
            return MtaReply::tempfail(decision.reply, "4.7.1");
        case policies::Action::quarantine:
            // Hold (committed) -> notice -> discard; milter/quarantine_action.h.
            return quarantine_message(*engine_, message, mime, decision);
        case policies::Action::deliver:
            break;
    }

    for (const char* name : {kStatusHeader, kDisclaimerHeader}) {
        if (Status s = drop_foreign_headers(message, actions, name); !s) return internal_error(message, s.message());
    }

    DeliveredChanges changes;  // what the MTA is told to change, for the case-file copy
    if (decision.wants_footer() && config.disclaimer.enabled) {
        policies::FooterText footer{config.disclaimer.text, config.disclaimer.html};
        policies::FooterLimits limits;
        limits.max_mime_parts = config.limits.max_mime_parts;
        limits.max_mime_depth = config.limits.max_mime_depth;
        policies::FooterResult result = policies::insert_footer(mime, footer, limits);
        if (result.outcome == policies::FooterOutcome::added) {
            if (result.top_level_changed) {
                if (Status s = sync_top_level_headers(message, mime, actions); !s) return internal_error(message, s.message());
            }
            if (Status s = actions.replace_body(mime.serialize_body(true)); !s) return internal_error(message, s.message());
            changes.footer_added = true;
            changes.top_level_changed = result.top_level_changed;
        } else if (result.outcome == policies::FooterOutcome::signed_or_encrypted) {
            log::info("queue_id={} signed or encrypted: left unaltered, no disclaimer ({})", qid, result.detail);
        } else if (result.outcome == policies::FooterOutcome::nothing_to_foot) {
            log::warning("queue_id={} no disclaimer added: {}", qid, result.detail);
        }
        HeaderField marker{kDisclaimerHeader, std::string(policies::footer_header_value(result.outcome))};
        if (Status s = actions.add_header(marker.name, marker.value); !s) return internal_error(message, s.message());
        changes.added_headers.push_back(std::move(marker));
    }

    if (config.milter.add_status_header) {
        HeaderField status{kStatusHeader, status_header(decision)};
        if (Status s = actions.add_header(status.name, status.value); !s) return internal_error(message, s.message());
        changes.added_headers.push_back(std::move(status));
    }

    // Parent correspondence goes on the pupils' case files before the MTA may deliver it.
    auto filed = capture_correspondence(*engine_, message.envelope, mime, decision,
                                        [&] { return delivered_form(message, mime, changes); });
    if (!filed) {
        if (config.archive.tempfail_on_error) {
            log::error("queue_id={} parent correspondence could not be filed, tempfail: {}", qid, filed.error_message());
            return MtaReply::tempfail("Chaperone could not file this message to the case file, please try again later");
        }
        log::error("queue_id={} parent correspondence NOT filed (tempfail_on_error = false), delivered: {}", qid,
                   filed.error_message());
    } else if (filed->recorded) {
        log::info("queue_id={} case file entry {} ({}) filed to {} pupil(s)", qid, filed->entry_id, filed->direction,
                  filed->upns.size());
    }
    log::info("queue_id={} from=<{}> rcpts={} external={} {}", qid, message.envelope.mail_from,
              message.envelope.recipients.size(), decision.recipients.external.size(), status_header(decision));
    notify_on_delivery(*engine_, message, mime, decision);  // warnings; monitor-mode record
    count(*engine_, archive::CounterEvent::delivered);
    return MtaReply::accept();
}

}  // namespace chaperone::milter
