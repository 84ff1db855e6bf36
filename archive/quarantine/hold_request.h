// Turning the policy's quarantine decision into what the quarantine store keeps: the
// metadata (rules and reasons, findings as kind/where/offsets/confidence, attachments and
// their protection, the pupils concerned, the subject with findings masked) around the
// message as it would have been delivered.
//
//   HoldRequest r = build_hold_request(decision, envelope, message_headers, delivered_raw,
//                                      fingerprint, now_utc());
//   store.quarantine().hold(r);
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "archive/casefile/timestamp.h"
#include "archive/store/quarantine_store.h"
#include "policies/decision/decision.h"

namespace chaperone::archive {

// The headers of the original message the metadata shows (decoded, one line each).
struct HeldHeaders {
    std::string from;        // "Name <address>"
    std::string subject;     // as sent (masked by build_hold_request when findings touch it)
    std::string message_id;
};

HoldRequest build_hold_request(const policies::Decision& decision, const policies::Envelope& envelope,
                               const HeldHeaders& headers, std::string delivered_raw, std::string fingerprint,
                               const Timestamp& now);

// The subject with every finding that lies in it replaced by "[kind]": the scan's extracted
// "body" text starts with the Subject line (pii/extract/message_extractor.h).
std::string masked_subject(const std::string& subject, const pii::ScanReport& scan);

}  // namespace chaperone::archive
