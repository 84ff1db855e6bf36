// Filling a Correspondence from a raw message, for the milter.
//
//   Envelope env{"head@school.example", {"parent@parents.example"}};
//   auto c = build_correspondence(raw, env, Direction::out, config.limits, now_utc());
//   c->contact_emails = {...};   // the roster contacts involved (from the PII scan's roster)
//   c->named_upns = {...};       // from findings' pupil_upns
//   store.casefiles().record(*c);
//
// Reads From/To/Cc (decoded, "Name <address>"), Subject, Message-ID and Date: (with the
// sanity window of timestamp.h), and lists attachments (name, type, decoded size, SHA-256),
// walking at most limits.max_mime_parts parts. `raw` must outlive the Correspondence
// (raw_message points into it).
//
// Thread-safety: reentrant (GMime objects are local).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "archive/casefile/correspondence.h"
#include "pii/base/result.h"
#include "pii/mime/mime_message.h"
#include "policies/config/config.h"
#include "policies/decision/envelope.h"

namespace chaperone::archive {

// The milter's envelope (MAIL FROM, RCPT TO): RCPT TO keeps Bcc recipients on record.
using Envelope = policies::Envelope;

Result<Correspondence> build_correspondence(std::string_view raw, const Envelope& envelope, Direction direction,
                                            const policies::LimitsConfig& limits, const Timestamp& recorded_at);

// The attachments of a parsed message (shared with `archive show`).
std::vector<AttachmentInfo> list_attachments(const pii::MimeMessage& message, const policies::LimitsConfig& limits);

}  // namespace chaperone::archive
