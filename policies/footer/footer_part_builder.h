// A message with no body text at all (only a PDF, only attachments, an attached message) gets
// the footer as a text/plain part of its own:
//   - a top-level multipart/mixed gets the part appended as its last child;
//   - any other top-level part (a single PDF, a multipart/alternative without text ...) is
//     wrapped into a new multipart/mixed: the original first, the footer part last;
//   - a message without any body part gets the footer part as its body.
// The part is "text/plain; charset=utf-8" (us-ascii when the footer is ASCII),
// Content-Disposition: inline, quoted-printable when the footer is not ASCII, else 7bit.
// Every change here changes the top-level MIME structure; MIME-Version: 1.0 is added when
// missing.
//
// Thread-safety: mutates the message; one thread at a time.
#pragma once

#include <gmime/gmime.h>

#include <string_view>

namespace chaperone::policies::footer {

// The footer part; `text_lf` is the UTF-8 footer with LF newlines, no trailing newline.
GMimeObject* new_footer_part(std::string_view text_lf);

// Adds the footer part to `message` as described above. Returns a word for the log
// ("appended", "wrapped", "created").
std::string_view add_footer_part(GMimeMessage* message, std::string_view text_lf);

// Sets MIME-Version: 1.0 on the message when it has none.
void ensure_mime_version(GMimeMessage* message);

}  // namespace chaperone::policies::footer
