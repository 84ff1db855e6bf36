// What text extraction hands to the detectors: UTF-8 text per source, a report per
// attachment (including whether it is password-protected), and every limit that was hit.
//
// A limit hit or an unreadable attachment is never a silent skip: it is listed here, and
// the policy decides (rule unscannable-attachment).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chaperone::pii {

// Limits on the work one message may cause. policies/ fills these from [limits].
struct ExtractionLimits {
    std::uint64_t max_extracted_bytes = 64ull << 20;
    std::uint64_t max_attachment_bytes = 50ull << 20;
    int max_archive_depth = 4;
    int max_archive_entries = 2000;
    double max_compression_ratio = 150.0;
    int max_mime_parts = 2000;
    int max_mime_depth = 30;
    int max_pdf_pages = 2000;
};

enum class Protection {
    none,                     // readable, and read
    encrypted_aes,            // ZIP with WinZip AES entries
    encrypted_zipcrypto,      // ZIP with legacy ZipCrypto entries (weak, trivially broken)
    encrypted_pdf,            // PDF with /Encrypt and a user password
    encrypted_ooxml,          // Office 2007+ document encrypted into a CFB container
    encrypted_legacy_office,  // .doc/.xls/.ppt with the legacy RC4/XOR encryption flag
    encrypted_odf,            // OpenDocument (odt/ods/odp) saved with a password
    unreadable,               // corrupt, a bomb, over a limit, or a type we cannot read
};

// "none", "aes", "zipcrypto", "pdf", "ooxml", "legacy-office", "odf", "unreadable".
std::string protection_name(Protection protection);
inline bool is_protected(Protection p) { return p != Protection::none && p != Protection::unreadable; }

struct AttachmentReport {
    std::string name;          // file name as sent; nested entries as "outer.zip/inner.xlsx"
    std::string content_type;  // declared MIME type, lower-case
    // What we read it as: docx xlsx pptx odt ods odp csv txt html rtf pdf zip eml image signature,
    // or a type we recognise but do not read (doc xls ppt msg xlsb 7z rar gzip cfb ooxml pgp smime),
    // or other.
    std::string detected_type;
    std::uint64_t size = 0;    // decoded bytes
    Protection protection = Protection::none;
    std::string detail;        // why unreadable / which encryption; never content
    int depth = 0;             // 0 attached directly; 1 inside an archive; ...
};

struct TextSource {
    std::string where;  // "body" or the attachment name
    std::string text;   // UTF-8
};

struct LimitHit {
    std::string where;   // "body", an attachment name, or "message"
    std::string limit;   // the [limits] key that was reached, e.g. "max_archive_depth"
    std::string detail;  // e.g. "nested 5 deep", "ratio 1030:1"
};

struct Extraction {
    std::vector<TextSource> texts;
    std::vector<AttachmentReport> attachments;
    std::vector<LimitHit> limits;
};

}  // namespace chaperone::pii
