// Releasing a held message exactly once; see release.h.
#include "archive/quarantine/release.h"

#include <fmt/format.h>

#include "archive/smtp/smtp_client.h"
#include "pii/base/log.h"

namespace chaperone::archive {
namespace {

// The stored message with our release header on top.
std::string with_release_header(const std::string& raw, QuarantineId id) {
    return fmt::format("{}: {}\n", kReleasedHeader, id) + raw;
}

}  // namespace

Result<ReleaseResult> release_held_message(QuarantineStore& store, const policies::Config& config, QuarantineId id,
                                           const Actor& actor, const std::string& reason, bool force_stuck,
                                           const AfterSent& after_sent) {
    auto endpoint = smtp::parse_smtp_endpoint(config.release.relay);
    if (!endpoint) return endpoint.status().with_context("[release] relay");
    if (force_stuck) {
        // A release that is still running must not be taken over: only one that has been
        // stuck for longer than any send could take.
        auto entry = store.find(id);
        if (!entry) return entry.status();
        auto age = now_utc().unix_seconds - (entry->decided_at ? entry->decided_at->unix_seconds : 0);
        std::int64_t settle = 4LL * config.release.timeout_seconds + 60;
        if (entry->state == QuarantineState::releasing && age < settle) {
            return Status::error(Errc::conflict, fmt::format("held message {}: its release started {} s ago and may still "
                                                             "be running; try --force-stuck after {} s",
                                                             id, age, settle));
        }
    }
    auto claim = store.claim_release(id, actor, reason, force_stuck);
    if (!claim) return claim.status();

    smtp::SmtpOptions options;
    options.helo = config.release.helo;
    options.timeout = std::chrono::seconds(config.release.timeout_seconds);
    std::string message = with_release_header(claim->raw_message, id);
    smtp::SmtpOutcome sent =
        smtp::smtp_send(*endpoint, smtp::SmtpEnvelope{claim->entry.envelope_from, claim->entry.envelope_to, message}, options);

    ReleaseResult result;
    result.id = id;
    if (sent.delivered) {
        result.outcome = ReleaseOutcome::sent;
        result.relay_reply = sent.reply;
        if (after_sent) {
            if (Status s = after_sent(claim->entry, message); !s) {
                result.after_sent_error = s.message();
                log::error("quarantine {}: released, but {}", id, s.message());
            }
        }
    } else if (sent.outcome_unknown()) {
        result.outcome = ReleaseOutcome::unknown;
        result.relay_reply = sent.error;
    } else {
        result.outcome = ReleaseOutcome::not_sent;
        result.relay_reply = sent.error;
    }
    Status finished = store.finish_release(id, claim->token, result.outcome, actor, result.relay_reply);
    if (!finished) {
        // The relay's answer stands; only our record of it failed. Say so loudly: a sent
        // message left in `releasing` is never sent again by a plain release.
        log::error("quarantine {}: relay answered ({}) but recording the outcome failed: {}", id,
                   result.relay_reply, finished.message());
        return finished.with_context(fmt::format("held message {} (relay: {})", id, result.relay_reply));
    }
    return result;
}

}  // namespace chaperone::archive
