// Attachment dispatch; see attachment_extractor.h.
#include "pii/extract/attachment_extractor.h"

#include <fmt/format.h>

#include <new>

#include "pii/extract/compound_document.h"
#include "pii/extract/document_readers.h"
#include "pii/extract/file_type.h"
#include "pii/extract/html_text.h"
#include "pii/extract/message_walker.h"
#include "pii/extract/pdf_reader.h"
#include "pii/extract/rtf_reader.h"
#include "pii/extract/text_file.h"
#include "pii/extract/text_sink.h"
#include "pii/extract/zip_reader.h"
#include "pii/mime/mime_message.h"

namespace chaperone::pii {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

class Dispatcher {
public:
    Dispatcher(ExtractState& state, std::string_view bytes, const AttachmentInput& in, std::size_t report)
        : st_(state), bytes_(bytes), in_(in), index_(report) {}

    void run() {
        const ExtractionLimits& limits = st_.limits();
        if (bytes_.size() > limits.max_attachment_bytes) {
            st_.hit(in_.name, "max_attachment_bytes", fmt::format("{} bytes, over {}", bytes_.size(), limits.max_attachment_bytes));
            set("other", Protection::unreadable, fmt::format("larger than max_attachment_bytes ({} bytes)", limits.max_attachment_bytes));
            return;
        }
        switch (sniff_content(bytes_, in_.name, in_.content_type)) {
            case ContentKind::zip: zip_container(); return;
            case ContentKind::pdf: document("pdf", read_pdf(bytes_, st_, in_.name)); return;
            case ContentKind::rtf: text_result("rtf", rtf_to_text(bytes_, st_.text_remaining() + 1)); return;
            case ContentKind::compound: {
                CompoundClassification c = classify_compound_file(bytes_, in_.name);
                set(c.detected_type, c.protection, c.detail);
                return;
            }
            case ContentKind::image: set("image", Protection::none, "image: no text extracted"); return;
            case ContentKind::gzip: unsupported("gzip", "gzip archive: not opened (unsupported archive format)"); return;
            case ContentKind::sevenzip: unsupported("7z", "7-Zip archive: not opened (unsupported archive format)"); return;
            case ContentKind::rar: unsupported("rar", "RAR archive: not opened (unsupported archive format)"); return;
            case ContentKind::bzip2: unsupported("bzip2", "bzip2 archive: not opened (unsupported archive format)"); return;
            case ContentKind::xz: unsupported("xz", "xz archive: not opened (unsupported archive format)"); return;
            case ContentKind::pgp: unsupported("pgp", "PGP-encrypted data: cannot be read"); return;
            case ContentKind::html: html(); return;
            case ContentKind::csv: csv(); return;
            case ContentKind::eml: message(); return;
            case ContentKind::text: text(); return;
            case ContentKind::binary: unsupported("other", "unknown binary format: not read"); return;
        }
    }

private:
    AttachmentReport& report() { return st_.report(index_); }

    void set(std::string type, Protection protection, std::string detail) {
        AttachmentReport& r = report();
        r.detected_type = std::move(type);
        r.protection = protection;
        r.detail = std::move(detail);
    }
    void unsupported(std::string type, std::string detail) { set(std::move(type), Protection::unreadable, std::move(detail)); }

    // Adds the text; a cut by max_extracted_bytes makes the attachment unreadable (partly read).
    void add_text(std::string text) {
        if (!st_.add_text(in_.name, std::move(text))) {
            report().protection = Protection::unreadable;
            report().detail = "text beyond max_extracted_bytes not read";
        }
    }

    void text_result(std::string type, std::string text) {
        set(std::move(type), Protection::none, {});
        add_text(std::move(text));
    }

    void document(std::string type, DocumentText doc) {
        set(std::move(type), doc.protection, doc.detail);
        if (!doc.text.empty()) add_text(std::move(doc.text));
    }

    std::string decoded_text() {
        // A declared charset other than ASCII/UTF-8 is believed (BOMs still win).
        const std::string& cs = in_.charset;
        bool believe = !cs.empty() && cs != "us-ascii" && cs != "utf-8" && cs != "utf8" && !starts_with(bytes_, "\xEF\xBB\xBF") &&
                       !starts_with(bytes_, "\xFF\xFE") && !starts_with(bytes_, "\xFE\xFF");
        if (believe) {
            std::string out = to_utf8(bytes_, cs.c_str());
            std::string normalised;
            normalised.reserve(out.size());
            for (std::size_t i = 0; i < out.size(); ++i) {
                if (out[i] == '\r') {
                    if (i + 1 < out.size() && out[i + 1] == '\n') continue;
                    normalised.push_back('\n');
                } else {
                    normalised.push_back(out[i]);
                }
            }
            return normalised;
        }
        return decode_text_file(bytes_);
    }

    void text() { text_result("txt", decoded_text()); }

    void csv() {
        std::string decoded = decoded_text();
        TextSink out(st_.text_remaining() + 1);
        csv_rows(decoded, out);
        text_result("csv", out.take());
    }

    void html() {
        std::string charset = in_.charset.empty() ? html_meta_charset(bytes_) : in_.charset;
        std::string utf8 = charset.empty() ? decode_text_file(bytes_) : to_utf8(bytes_, charset.c_str());
        text_result("html", html_to_text(utf8, st_.text_remaining() + 1));
    }

    void message() {
        set("eml", Protection::none, {});
        if (in_.mime_depth + 1 > st_.limits().max_mime_depth) {
            st_.hit(in_.name, "max_mime_depth", fmt::format("message nested more than {} deep", st_.limits().max_mime_depth));
            set("eml", Protection::unreadable, "message nested deeper than max_mime_depth");
            return;
        }
        auto parsed = MimeMessage::parse(bytes_);
        if (!parsed) {
            set("eml", Protection::unreadable, "unreadable message: " + parsed.error_message());
            return;
        }
        if (!walk_embedded_message(st_, parsed->get(), in_.name, in_.depth + 1, in_.archive_depth, in_.mime_depth + 1)) {
            set("eml", Protection::unreadable, "text beyond max_extracted_bytes not read");
        }
    }

    // ---- zip-based: OOXML, ODF, or an archive ----
    void zip_container() {
        auto zip = ZipReader::open(bytes_, st_.limits().max_archive_entries);
        if (!zip) {
            set(type_from_name(in_.name) == "other" ? "zip" : type_from_name(in_.name), Protection::unreadable,
                zip.error_message());
            return;
        }
        if (zip->overlapping_entries()) {
            st_.hit(in_.name, "max_compression_ratio", "zip entries overlap (one compressed stream counted many times)");
            set("zip", Protection::unreadable, "zip bomb: entries overlap");
            return;
        }
        PackageParts parts(*zip, st_, in_.name);
        if (zip->find("[Content_Types].xml")) {
            OoxmlPackage pkg = identify_ooxml(parts);
            if (parts.failed()) {
                set("ooxml", Protection::unreadable, parts.failure());
                return;
            }
            switch (pkg.kind) {
                case OoxmlKind::docx: document("docx", read_docx(parts, pkg.main_part)); return;
                case OoxmlKind::xlsx: document("xlsx", read_xlsx(parts, pkg.main_part)); return;
                case OoxmlKind::pptx: document("pptx", read_pptx(parts, pkg.main_part)); return;
                case OoxmlKind::xlsb: unsupported("xlsb", "Excel binary workbook (.xlsb): text extraction not supported"); return;
                case OoxmlKind::unknown: break;
            }
            if (!zip->find("mimetype")) {
                unsupported("ooxml", "Office Open XML package of an unknown kind: not read");
                return;
            }
        }
        if (const ZipEntry* mimetype = zip->find("mimetype")) {
            std::string type;
            if (mimetype->size < 256 && parts.load_bytes("mimetype", type)) {
                static constexpr std::string_view kOdf = "application/vnd.oasis.opendocument.";
                if (starts_with(type, kOdf)) {
                    std::string_view kind = std::string_view(type).substr(kOdf.size());
                    if (starts_with(kind, "text")) return document("odt", read_odf(parts, OdfKind::text));
                    if (starts_with(kind, "spreadsheet")) return document("ods", read_odf(parts, OdfKind::spreadsheet));
                    if (starts_with(kind, "presentation")) return document("odp", read_odf(parts, OdfKind::presentation));
                    if (starts_with(kind, "graphics")) return document("odg", read_odf(parts, OdfKind::graphics));
                }
            } else if (parts.failed()) {
                set("zip", Protection::unreadable, parts.failure());
                return;
            }
        }
        archive(*zip);
    }

    void archive(const ZipReader& zip) {
        const ExtractionLimits& limits = st_.limits();
        set("zip", Protection::none, {});
        if (in_.archive_depth + 1 > limits.max_archive_depth) {
            st_.hit(in_.name, "max_archive_depth", fmt::format("archive nested {} deep", in_.archive_depth + 1));
            set("zip", Protection::unreadable, fmt::format("archive nested deeper than max_archive_depth ({})", limits.max_archive_depth));
            return;
        }
        std::size_t files = 0, encrypted = 0, zipcrypto = 0, unknown_cipher = 0;
        std::string cipher;
        for (const ZipEntry& entry : zip.entries()) {
            if (entry.is_directory) continue;
            ++files;
            AttachmentInput child;
            child.name = st_.unique_name(in_.name + "/" + entry.name);
            child.depth = in_.depth + 1;
            child.archive_depth = in_.archive_depth + 1;
            child.mime_depth = in_.mime_depth;
            if (entry.encrypted()) {
                ++encrypted;
                Protection p = entry.protection();
                if (p == Protection::encrypted_zipcrypto) ++zipcrypto;
                if (p == Protection::unreadable) ++unknown_cipher;
                cipher = entry.encryption_name();
                std::string detail = p == Protection::unreadable
                                         ? fmt::format("encrypted with an unknown method ({}): cannot be classified", cipher)
                                         : fmt::format("encrypted entry ({})", cipher);
                if (p == Protection::encrypted_zipcrypto) detail += "; ZipCrypto is weak and easily broken";
                st_.add_report(AttachmentReport{child.name, "", type_from_name(entry.name), entry.size, p, detail, child.depth});
                continue;
            }
            EntryRead read = zip.read(entry, st_);
            if (!read.ok()) {
                if (!read.limit.empty()) st_.hit(child.name, read.limit, read.error);
                st_.add_report(AttachmentReport{child.name, "", type_from_name(entry.name), entry.size, Protection::unreadable,
                                                read.error, child.depth});
                continue;
            }
            extract_attachment(st_, read.bytes, child);
        }
        // The archive's own protection: all entries encrypted means the archive is; mixed is not.
        if (files > 0 && encrypted == files && unknown_cipher == 0) {
            if (zipcrypto > 0) {
                set("zip", Protection::encrypted_zipcrypto,
                    fmt::format("all {} entries encrypted{}", files, zipcrypto == files ? " with ZipCrypto (weak)" : ", some with ZipCrypto (weak)"));
            } else {
                set("zip", Protection::encrypted_aes, fmt::format("all {} entries encrypted ({})", files, cipher));
            }
        } else if (encrypted > 0) {
            set("zip", Protection::none, fmt::format("{} of {} entries encrypted; the others are readable", encrypted, files));
        } else if (files == 0) {
            set("zip", Protection::none, "empty archive");
        }
        if (zip.declared_entries() > zip.entries().size()) {
            st_.hit(in_.name, "max_archive_entries",
                    fmt::format("{} entries, read the first {}", zip.declared_entries(), zip.entries().size()));
            set("zip", Protection::unreadable,
                fmt::format("only the first {} of {} entries read (max_archive_entries)", zip.entries().size(), zip.declared_entries()));
        }
    }

    ExtractState& st_;
    std::string_view bytes_;
    const AttachmentInput& in_;
    std::size_t index_;
};

}  // namespace

void extract_attachment(ExtractState& state, std::string_view bytes, const AttachmentInput& input) {
    std::size_t index = state.add_report(
        AttachmentReport{input.name, input.content_type, {}, static_cast<std::uint64_t>(bytes.size()), Protection::none, {}, input.depth});
    // Readers report errors as values; this catch is for what libraries may still throw
    // (allocation failure on a hostile file), so one attachment cannot take down the scan.
    try {
        Dispatcher(state, bytes, input, index).run();
    } catch (const std::bad_alloc&) {
        state.mark_unreadable(index, "out of memory while reading");
    } catch (const std::exception& e) {
        state.mark_unreadable(index, std::string("reader failed: ") + e.what());
    }
}

}  // namespace chaperone::pii
