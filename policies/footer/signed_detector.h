// Signed or encrypted mail is never altered: a footer would break an S/MIME or PGP signature
// and cannot be put inside an encrypted body.
//
// Structural forms (checked on every part outside forwarded message/rfc822 parts, attachments
// included, because Outlook sends opaque-signed S/MIME as an attachment named smime.p7m):
// multipart/signed, multipart/encrypted, application/pkcs7-mime, application/x-pkcs7-mime.
// Inline PGP (checked on the decoded text of body text parts): a line that begins with
// "-----BEGIN PGP MESSAGE-----" or "-----BEGIN PGP SIGNED MESSAGE-----". A quoted one
// ("> -----BEGIN PGP ...") in a reply is not this message's signature and does not count.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace chaperone::policies::footer {

// The reason (the MIME type, for the log) when `mime_type` (lower-case "type/subtype") is a
// signed or encrypted container; empty otherwise.
std::string_view signed_or_encrypted_type(std::string_view mime_type);

// The armour line found, when a line of `text` starts an inline PGP block; empty otherwise.
std::string_view inline_pgp_marker(std::string_view text);

}  // namespace chaperone::policies::footer
