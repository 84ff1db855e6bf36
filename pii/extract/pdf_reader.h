// PDF text through poppler-cpp, page by page up to max_pdf_pages, and the PDF's protection:
// - /Encrypt with a user password: encrypted_pdf, not opened;
// - /Encrypt with an empty user password (only owner restrictions): readable, read, and the
//   detail says so;
// - cannot be parsed at all: unreadable.
// Pages are separated by an empty line; text keeps poppler's reading order with physical
// layout, so a table row stays on one line.
//
// Thread-safety: poppler's global state is not documented as thread-safe, so calls are
// serialised by a process-wide mutex (PDF attachments are rare next to mail volume).
#pragma once

#include <string_view>

#include "pii/extract/extract_state.h"
#include "pii/extract/package_parts.h"

namespace chaperone::pii {

DocumentText read_pdf(std::string_view bytes, ExtractState& state, const std::string& where);

}  // namespace chaperone::pii
