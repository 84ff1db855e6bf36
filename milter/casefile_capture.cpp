// Recording parent correspondence; see casefile_capture.h.
#include "milter/casefile_capture.h"

#include <set>

#include "archive/casefile/correspondence_builder.h"
#include "pii/roster/roster_index.h"
#include "pii/scanner.h"

namespace chaperone::milter {
namespace {

std::vector<std::string> contacts_among(const pii::RosterIndex& roster, const std::vector<std::string>& addresses) {
    std::set<std::string> found;
    for (const auto& a : addresses) {
        std::string email = pii::normalise_email(a);
        if (roster.is_contact_email(email)) found.insert(email);
    }
    return {found.begin(), found.end()};
}

std::vector<std::string> named_upns(const std::vector<pii::Finding>& findings) {
    std::set<std::string> upns;
    for (const auto& f : findings)
        for (const auto& u : f.pupil_upns) upns.insert(u);
    return {upns.begin(), upns.end()};
}

}  // namespace

Result<CaptureOutcome> capture_correspondence(const EngineSnapshot& engine, const policies::Envelope& envelope,
                                              const pii::MimeMessage& delivered, const policies::Decision& decision,
                                              const DeliveredBytes& delivered_bytes) {
    CaptureOutcome outcome;
    const policies::Config& config = *engine.config;
    const pii::Scanner* scanner = engine.policy ? engine.policy->scanner() : nullptr;
    const pii::RosterIndex* roster = scanner ? scanner->roster() : nullptr;
    if (!config.archive.enabled || !roster) return outcome;  // no roster imported: no contacts known
    if (!engine.store) return Status::error(Errc::internal, "no archive store to record parent correspondence in");

    archive::Direction direction = archive::Direction::out;
    std::vector<std::string> contacts = contacts_among(*roster, {envelope.mail_from});
    if (!contacts.empty()) {
        direction = archive::Direction::in;
    } else {
        contacts = contacts_among(*roster, envelope.recipients);
    }
    if (contacts.empty()) return outcome;  // not parent correspondence

    // Which of the parent's children the message names.
    std::vector<std::string> upns;
    if (decision.scanned) {
        upns = named_upns(decision.scan.findings);
    } else {
        upns = named_upns(scanner->scan_message(delivered, policies::scan_context_for(envelope, delivered, config)).findings);
    }

    auto raw = delivered_bytes();
    if (!raw) return raw.status().with_context("the message for the case file");
    auto correspondence = archive::build_correspondence(*raw, envelope, direction, config.limits, archive::now_utc());
    if (!correspondence) return correspondence.status().with_context("reading the message for the case file");
    correspondence->contact_emails = std::move(contacts);
    correspondence->named_upns = std::move(upns);

    auto recorded = engine.store->casefiles().record(*correspondence);
    if (!recorded) return recorded.status().with_context("recording in the case file");
    outcome.recorded = true;
    outcome.entry_id = recorded->id;
    for (const auto& s : recorded->students) outcome.upns.push_back(s.upn);
    outcome.direction = std::string(archive::direction_name(direction));
    return outcome;
}

}  // namespace chaperone::milter
