// extract_attachment(): one attachment's bytes -> its AttachmentReport, its TextSource, and
// (for archives and attached messages) the same for everything inside, recursively.
//
// The dispatcher of the extraction: sniffs the type (file_type.h), checks protection,
// calls the reader for the type, and applies the limits that belong to containers
// (max_archive_depth, max_archive_entries, overlapping entries). Every outcome is a report:
// nothing inside an attachment is dropped without a report saying why.
//
// Thread-safety: works on one ExtractState; no shared state.
#pragma once

#include <string>
#include <string_view>

#include "pii/extract/extract_state.h"

namespace chaperone::pii {

struct AttachmentInput {
    std::string name;          // where-name, unique in the extraction ("outer.zip/inner.csv")
    std::string content_type;  // declared MIME type, lower-case; "" inside archives
    std::string charset;       // declared charset of a text part, or ""
    int depth = 0;             // containers around it (reports' depth)
    int archive_depth = 0;     // archives around it (max_archive_depth)
    int mime_depth = 0;        // MIME nesting it sits at (max_mime_depth, for attached messages)
};

void extract_attachment(ExtractState& state, std::string_view bytes, const AttachmentInput& input);

}  // namespace chaperone::pii
