// Text extraction: every MIME part and attachment of a message (or one file) to UTF-8 text,
// with a report on each attachment and every limit that was reached.
//
// Conventions (offsets of findings depend on them):
// - "body" is the Subject line, then the text of every body part in order (text/plain as is,
//   text/html as text), separated by blank lines. Inline forwarded messages (message/rfc822
//   without a file name) are appended to the body; attached ones are their own source.
// - Each attachment's text is its own TextSource named by the file name; entries inside
//   archives and attached messages are named "outer.zip/inner.xlsx".
// - Password-protected attachments are classified and not opened; unreadable ones (corrupt,
//   bombs, over limits) are reported with a reason. Nothing is skipped silently.
// - Text layout: see html_text.h (HTML), document_readers.h (Office/ODF: one paragraph or
//   table row per line, cells separated by tabs, spreadsheet dates dd/mm/yyyy), text_file.h
//   (CSV rows become tab-separated like spreadsheet rows), message_walker.h (which parts are
//   body, multipart/alternative, embedded messages' header blocks).
// - The body gets first claim on the max_extracted_bytes budget; attachments follow in
//   message order. Two attachments with the same file name become "a.pdf" and "a.pdf (2)".
#pragma once

#include <string_view>

#include "pii/extract/extraction.h"
#include "pii/mime/mime_message.h"

namespace chaperone::pii {

Extraction extract_message(const MimeMessage& message, const ExtractionLimits& limits);

// One file's bytes (txt, csv, eml, docx, xlsx, pptx, odt, ods, rtf, pdf, zip), recognised by
// content first and by `name` second. `name` becomes the TextSource's where, and the file
// gets one AttachmentReport (depth 0) plus one per archive entry. A message file (.eml, or
// bytes that are plainly a message) is the exception: it is extracted as extract_message()
// would, "body" and its attachments by their own names, with no report for the file itself.
Extraction extract_file(std::string_view bytes, std::string_view name, const ExtractionLimits& limits);

}  // namespace chaperone::pii
