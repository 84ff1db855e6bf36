// The disclaimer footer engine's front door: adds the school's disclaimer to the main body of
// a parsed message, once, in each text part's own charset and transfer encoding.
//
// Use (the milter, for a message with at least one external recipient):
//   FooterResult r = insert_footer(message, FooterText{cfg.disclaimer.text, cfg.disclaimer.html});
//   if (r.outcome == FooterOutcome::added) {
//       replace the body with message.serialize_body(true);
//       if (r.top_level_changed) change each of top_level_content_headers(message);
//   }
//   add "X-Chaperone-Disclaimer: " + footer_header_value(r.outcome); log r.detail.
//
// What is footed (policies/footer/body_part_finder.h has the full rules):
//   text/plain gets the text footer after a blank line at the bottom (text_footer.h), in the
//   part's charset, or the part becomes UTF-8 when its charset lacks a footer character;
//   text/html gets the HTML footer before its last </body> (html_footer.h), characters its
//   charset lacks written as &#N; references (part_footer.h); every alternative of a
//   multipart/alternative is footed in its own form; multipart/related foots its root; in
//   multipart/mixed the last body child is footed. Attachments, forwarded message/rfc822 parts and
//   everything else are left byte-for-byte alone and are not re-serialised.
//   A message with no body text gets a text/plain footer part (footer_part_builder.h).
// When nothing is changed (any outcome but `added`) the message is left exactly as it was:
//   - signed_or_encrypted: multipart/signed, multipart/encrypted, application/(x-)pkcs7-mime
//     outside forwarded messages, or inline PGP at a line start of a body text part;
//   - already_present: the decoded body text already contains the footer's words
//     (footer_presence.h), e.g. a second pass or a reply that quotes it;
//   - nothing_to_foot: the footer is empty, a walk limit was hit, the body is a malformed
//     multipart with no parts (e.g. a missing boundary), a body text part is larger than
//     max_text_part_bytes, or the body is a bare text/calendar invitation (wrapping it would
//     turn the invitation into an attachment).
//
// Thread-safety: pure over its arguments; a MimeMessage belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pii/mime/mime_message.h"

namespace chaperone::policies {

// The disclaimer in UTF-8, as loaded from [disclaimer]. Either may be empty: an empty html is
// made from the text (escaped, in a <div>), an empty text from the html's visible text.
struct FooterText {
    std::string text;
    std::string html;
};

enum class FooterOutcome { added, already_present, signed_or_encrypted, nothing_to_foot };

struct FooterResult {
    FooterOutcome outcome = FooterOutcome::nothing_to_foot;
    // The top-level Content-Type / Content-Transfer-Encoding / MIME structure changed: the
    // milter must rewrite the headers top_level_content_headers() lists.
    bool top_level_changed = false;
    std::string detail;  // for the log: part types, encodings, reasons; never message content
};

// Bounds on the work one message can cause; the milter fills them from [limits].
struct FooterLimits {
    int max_mime_parts = 2000;                      // objects walked ([limits] max_mime_parts)
    int max_mime_depth = 30;                        // multipart nesting ([limits] max_mime_depth)
    std::uint64_t max_text_part_bytes = 32ull << 20;  // one decoded body text part
};

FooterResult insert_footer(pii::MimeMessage& message, const FooterText& footer,
                           const FooterLimits& limits = {});

// Value for the "X-Chaperone-Disclaimer:" header: "added", "already-present",
// "signed-or-encrypted", "nothing-to-foot".
std::string_view footer_header_value(FooterOutcome outcome);

// The top-level MIME headers as they now stand, for the milter to set after
// top_level_changed: MIME-Version, Content-Type and Content-Transfer-Encoding, each with its
// unfolded value; an empty value means the header is absent and should be removed.
std::vector<std::pair<std::string, std::string>> top_level_content_headers(const pii::MimeMessage& message);

}  // namespace chaperone::policies
