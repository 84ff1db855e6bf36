// Replacing the decoded content of a leaf text part while keeping its transfer encoding.
//
// The new content is handed to GMime decoded; GMime encodes it when the message is written:
// quoted-printable with soft breaks at 76 columns, base64 in 76-column lines. Identity
// encodings (none, 7bit, 8bit, binary) are written as they are, so the choice is ours:
//   7bit or none  stays, unless the content now has 8-bit bytes, NUL, or a line longer than
//                 998 bytes (RFC 5322): then quoted-printable;
//   8bit          stays, unless a line is longer than 998 bytes: then quoted-printable;
//   binary, quoted-printable, base64, x-uuencode: stay.
// The charset parameter is set only when the caller changed the charset.
//
// Thread-safety: mutates the part; one thread at a time.
#pragma once

#include <gmime/gmime.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::policies::footer {

struct ContentChange {
    GMimeContentEncoding encoding_before = GMIME_CONTENT_ENCODING_DEFAULT;
    GMimeContentEncoding encoding_after = GMIME_CONTENT_ENCODING_DEFAULT;
    bool charset_changed = false;
    bool headers_changed() const { return charset_changed || encoding_before != encoding_after; }
};

// The part's content with its transfer encoding undone (charset untouched). Sets `too_large`
// and returns nothing useful when the decoded content is over `max_bytes`.
std::string read_decoded(GMimePart* part, std::uint64_t max_bytes, bool& too_large);

// The part's charset parameter; "" when absent.
std::string declared_charset(GMimePart* part);

// Replaces the content with `decoded` (in `new_charset` when non-empty, else the part's own).
ContentChange replace_decoded(GMimePart* part, std::string_view decoded, std::string_view new_charset);

// The encoding `decoded` content needs, starting from `current` (the rules above).
GMimeContentEncoding encoding_for(GMimeContentEncoding current, std::string_view decoded);

// Lower-case name for the log ("quoted-printable", "7bit", "none").
std::string_view encoding_name(GMimeContentEncoding encoding);

}  // namespace chaperone::policies::footer
