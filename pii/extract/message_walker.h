// The MIME side of extraction: walks a GMime message, turns its body parts into text and
// hands its attachments to extract_attachment().
//
// Which part is what:
// - body: text/plain, text/html and text/enriched leaves that are not Content-Disposition
//   attachment and have no file name. multipart/alternative contributes its first readable
//   alternative, plus any other alternative that contains words the first one lacks (a
//   crafted HTML part must not hide what the plain part leaves out; identical pairs are not
//   counted twice);
// - message/rfc822 without a file name and not disposition attachment: a forwarded message
//   shown inline; its header block and body join the body, its attachments are attachments;
// - message/rfc822 attached (file name or disposition attachment): its own source named by
//   the file name (or "message-N.eml"), holding its header block and body; its attachments
//   are named "<that name>/<file name>";
// - every other leaf is an attachment named by its file name (or "attachment-N").
// Signatures (application/pkcs7-signature, application/pgp-signature) are reported with
// detected type "signature" and no text.
//
// The header block of an embedded message is "From: ...", "To: ...", "Cc: ...", "Date: ...",
// "Subject: ..." lines (those present), as a mail client shows a forwarded message.
//
// Thread-safety: GMime objects of one message, one thread.
#pragma once

#include <gmime/gmime.h>

#include <string>

#include "pii/extract/extract_state.h"

namespace chaperone::pii {

// The top-level message: "body" (Subject line first) and every attachment.
void walk_top_message(ExtractState& state, GMimeMessage* message);

// A message inside the message (attached) or inside an archive (.eml): its own source
// `name` and attachments under "name/". False when its text was cut by max_extracted_bytes.
bool walk_embedded_message(ExtractState& state, GMimeMessage* message, const std::string& name, int depth,
                           int archive_depth, int mime_depth);

}  // namespace chaperone::pii
