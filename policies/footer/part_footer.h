// Footing one body text part: the footer in the part's charset, placed by text_footer.h or
// html_footer.h, written back with the part's transfer encoding (part_content.h).
//
// Charset rules (charset_codec.h):
//   text/plain  the footer is written in the part's charset when every character exists there;
//               otherwise (us-ascii or iso-8859-1 with "–" or "☎", say) the whole text is
//               converted to UTF-8 and the charset parameter becomes utf-8.
//   text/html   characters the charset lacks become numeric references (&#9742;), so the
//               charset and any <meta charset> stay true.
//   A charset that is not ASCII-compatible (UTF-16, UTF-7) is converted to UTF-8 for both.
//
// Thread-safety: mutates the part; one thread at a time.
#pragma once

#include <gmime/gmime.h>

#include <string>

#include "policies/footer/body_part_finder.h"
#include "policies/footer/part_content.h"
#include "policies/footer/prepared_footer.h"

namespace chaperone::policies::footer {

struct PartFooting {
    ContentChange change;
    std::string charset_after;  // for the log: sanitised, at most 40 characters
};

// `decoded` is the part's current decoded content (read_decoded); it is consumed.
PartFooting foot_part(GMimePart* part, TextKind kind, std::string decoded, const PreparedFooter& footer);

}  // namespace chaperone::policies::footer
