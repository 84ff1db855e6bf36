// Filing released parent correspondence; see released_filing.h.
#include "archive/quarantine/released_filing.h"

#include "archive/casefile/correspondence_builder.h"
#include "archive/casefile/filing_rule.h"
#include "pii/base/log.h"

namespace chaperone::archive {

Status file_released_message(Store& store, const policies::Config& config, const QuarantineEntry& entry,
                             std::string_view sent_message) {
    if (!config.archive.enabled) return Status::ok();
    auto roster = store.roster().load_roster();
    if (!roster) return roster.status().with_context("filing the released message: reading the roster");
    std::vector<std::string> contacts;
    for (const auto& family : children_of(*roster, entry.envelope_to)) {
        if (!family.children.empty()) contacts.push_back(family.email);
    }
    if (contacts.empty()) return Status::ok();  // not parent correspondence

    policies::Envelope envelope;
    envelope.mail_from = entry.envelope_from;
    envelope.recipients = entry.envelope_to;
    envelope.queue_id = entry.queue_id;
    auto correspondence = build_correspondence(sent_message, envelope, Direction::out, config.limits, now_utc());
    if (!correspondence) return correspondence.status().with_context("filing the released message");
    correspondence->contact_emails = std::move(contacts);
    correspondence->named_upns = entry.pupil_upns;
    auto recorded = store.casefiles().record(*correspondence);
    if (!recorded) return recorded.status().with_context("filing the released message to the case file");
    log::info("quarantine {}: released message filed as case file entry {} ({} pupil(s))", entry.id, recorded->id,
              recorded->students.size());
    return Status::ok();
}

AfterSent released_filing(Store& store, const policies::Config& config) {
    return [&store, &config](const QuarantineEntry& entry, std::string_view sent_message) {
        return file_released_message(store, config, entry, sent_message);
    };
}

}  // namespace chaperone::archive
