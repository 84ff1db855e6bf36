// What an attachment is, by its bytes first and by its name and declared type second.
//
// Content signatures: ZIP local header (PK\3\4, and PK\5\6 for an empty archive), %PDF-
// within the first 1 KB, {\rtf, the CFB signature D0 CF 11 E0 A1 B1 1A E1, image magic
// (PNG, JPEG, GIF, BMP, TIFF, WEBP), other archives we do not open (gzip, 7z, RAR, bzip2,
// xz), PGP armour, and text (BOMs, UTF-16 by its zero bytes, UTF-8 or 8-bit without control
// characters). Text is then told apart by name and declared type: html, csv, eml, txt.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

enum class ContentKind {
    zip, pdf, rtf, compound, image, gzip, sevenzip, rar, bzip2, xz, pgp, html, csv, eml, text, binary,
};

// `name` and `declared_type` (lower-case MIME type, may be "") break ties for text content.
ContentKind sniff_content(std::string_view bytes, std::string_view name, std::string_view declared_type);

// Lower-case extension without the dot ("xlsx"), or "".
std::string file_extension(std::string_view name);

// The detected_type a report gives for an entry we cannot open (an encrypted ZIP entry):
// its extension when it is one we know ("xlsx", "csv", "pdf"), else "other".
std::string type_from_name(std::string_view name);

// True when the bytes look like an RFC 5322 message (header lines, then a blank line).
bool looks_like_message(std::string_view bytes);

}  // namespace chaperone::pii
