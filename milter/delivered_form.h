// The message as the MTA delivers it after the milter's changes, for the records that must
// keep it exactly so: a held message (released later as it would have gone out) and a
// parent email filed to a case file ("archived as delivered, footer included").
//
//   DeliveredChanges changes;
//   changes.footer_added = result.outcome == FooterOutcome::added;
//   changes.top_level_changed = result.top_level_changed;
//   changes.added_headers = {{kDisclaimerHeader, "added"}, {kStatusHeader, "deliver; external"}};
//   Result<std::string> raw = delivered_form(message, mime, changes);
//
// Header fields: the collected ones in order, minus any client copy of our own headers,
// with the top-level Content-* headers as the footer left them, then ours. Body: the footed
// body when the footer was added, else the body as collected. Lines end in "\n" throughout:
// the header block as header_block() gives it to the parser, and the MTA's CRLF in the body
// becomes LF (SMTP puts CRLF back on the way out).
//
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <vector>

#include "milter/collected_message.h"
#include "pii/base/result.h"
#include "pii/mime/mime_message.h"

namespace chaperone::milter {

struct DeliveredChanges {
    bool footer_added = false;        // the body is mime's body now
    bool top_level_changed = false;   // the footer changed the top-level Content-* headers
    std::vector<HeaderField> added_headers;
};

Result<std::string> delivered_form(const CollectedMessage& message, const pii::MimeMessage& mime,
                                   const DeliveredChanges& changes);

}  // namespace chaperone::milter
