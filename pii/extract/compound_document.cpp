// Classification of Compound File attachments; see compound_document.h.
// Structures from [MS-OFFCRYPTO] 2.3.4 (EncryptionInfo), [MS-DOC] 2.5.2 (FibBase),
// [MS-XLS] 2.4.117 (FilePass), [MS-PPT] 2.3.2 (CurrentUserAtom).
#include "pii/extract/compound_document.h"

#include <fmt/format.h>

#include "pii/extract/cfb_reader.h"
#include "pii/extract/xls_reader.h"
#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

constexpr std::size_t kMaxBiffRecords = 4096;    // FILEPASS follows BOF within a few records
constexpr std::uint64_t kBiffScanBytes = 256 << 10;

std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t u32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(u16(b, at)) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}

std::string extension_of(std::string_view name) {
    std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string ext(name.substr(dot + 1));
    for (char& c : ext) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return ext;
}

CompoundClassification encrypted_ooxml(const CompoundFile& cf, const CfbEntry& info, std::string_view name) {
    CompoundClassification c;
    std::string ext = extension_of(name);
    if (ext == "docx" || ext == "docm" || ext == "dotx") {
        c.detected_type = "docx";
    } else if (ext == "xlsx" || ext == "xlsm" || ext == "xltx" || ext == "xlsb") {
        c.detected_type = "xlsx";
    } else if (ext == "pptx" || ext == "pptm" || ext == "ppsx") {
        c.detected_type = "pptx";
    } else {
        c.detected_type = "ooxml";
    }
    c.protection = Protection::encrypted_ooxml;
    std::string scheme = "unknown scheme";
    auto header = cf.read(info, 8);
    if (header && header->size() >= 4) {
        std::uint16_t major = u16(*header, 0), minor = u16(*header, 2);
        if (major == 4 && minor == 4) {
            scheme = "agile encryption";
        } else if ((major == 3 || major == 4) && minor == 2) {
            scheme = "standard encryption";
        } else if ((major == 3 || major == 4) && minor == 3) {
            scheme = "extensible encryption";
        } else {
            scheme = fmt::format("EncryptionInfo version {}.{}", major, minor);
        }
    }
    c.detail = fmt::format("Office document encrypted with a password ({})", scheme);
    return c;
}

// Word 97 text from the piece table ([MS-DOC] 2.4.1): the CLX in the table stream lists
// pieces of text, each 8-bit ("compressed", windows-1252) or UTF-16LE, in the WordDocument
// stream. Special characters: paragraph and line marks end lines, cell marks are tabs,
// field codes (0x13 .. 0x14) are skipped and their results (0x14 .. 0x15) kept.
constexpr std::size_t kMaxPieces = 1u << 20;

bool word_text(const CompoundFile& cf, std::string_view fib_stream, std::uint16_t flags, std::uint64_t max_text,
               std::string& out, std::string& error) {
    std::string_view doc = fib_stream;
    // FibBase (32 bytes), csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcb97.
    std::size_t at = 32;
    if (doc.size() < at + 2) return error = "FIB truncated", false;
    std::size_t csw = u16(doc, at);
    at += 2 + csw * 2;
    if (doc.size() < at + 2) return error = "FIB truncated", false;
    std::size_t cslw = u16(doc, at);
    at += 2 + cslw * 4;
    if (doc.size() < at + 2) return error = "FIB truncated", false;
    std::size_t cb_fc_lcb = u16(doc, at);
    at += 2;
    constexpr std::size_t kClxIndex = 33;  // fcClx / lcbClx in FibRgFcLcb97
    if (cb_fc_lcb <= kClxIndex || doc.size() < at + (kClxIndex + 1) * 8) return error = "FIB has no piece table", false;
    const std::uint32_t fc_clx = u32(doc, at + kClxIndex * 8);
    const std::uint32_t lcb_clx = u32(doc, at + kClxIndex * 8 + 4);
    const CfbEntry* table_entry = cf.root_stream((flags & 0x0200) ? "1Table" : "0Table");
    if (!table_entry) return error = "table stream missing", false;
    auto table = cf.read(*table_entry, table_entry->size);
    if (!table) return error = "table stream: " + table.error_message(), false;
    if (static_cast<std::uint64_t>(fc_clx) + lcb_clx > table->size()) return error = "piece table beyond the table stream", false;
    std::string_view clx = std::string_view(*table).substr(fc_clx, lcb_clx);
    // Skip Prc entries (0x01, cbGrpprl, grpprl) to the Pcdt (0x02, lcb, PlcPcd).
    std::size_t p = 0;
    while (p < clx.size() && clx[p] == 0x01) {
        if (p + 3 > clx.size()) return error = "piece table truncated", false;
        p += 3 + u16(clx, p + 1);
    }
    if (p + 5 > clx.size() || clx[p] != 0x02) return error = "piece table malformed", false;
    std::uint32_t lcb = u32(clx, p + 1);
    std::string_view plc = clx.substr(p + 5);
    if (lcb > plc.size() || lcb < 4 || (lcb - 4) % 12 != 0) return error = "piece table malformed", false;
    const std::size_t pieces = std::min<std::size_t>((lcb - 4) / 12, kMaxPieces);
    int field_depth = 0;      // inside field codes (0x13 .. 0x14)
    bool after_cell = false;  // the last character was a cell mark
    auto emit = [&](char32_t c) {
        if (c == 0x07 && field_depth == 0) {
            // A cell mark right after a cell mark is the end of the row.
            if (after_cell && !out.empty() && out.back() == '\t') {
                out.back() = '\n';
                after_cell = false;
            } else {
                out.push_back('\t');
                after_cell = true;
            }
            return;
        }
        after_cell = false;
        if (c == 0x13) {
            ++field_depth;
            return;
        }
        if (c == 0x14 || c == 0x15) {
            if (field_depth > 0) --field_depth;
            return;
        }
        if (field_depth > 0) return;
        switch (c) {
            case 0x0D: case 0x0B: case 0x0C: out.push_back('\n'); return;
            case 0x09: out.push_back('\t'); return;
            case 0x1E: out.push_back('-'); return;
            case 0xA0: out.push_back(' '); return;
            case 0x1F: case 0xAD: return;
            default: break;
        }
        if (c < 0x20) return;  // objects, pictures, footnote marks
        append_utf8(out, c);
    };
    for (std::size_t i = 0; i < pieces && out.size() < max_text; ++i) {
        std::uint32_t cp_start = u32(plc, i * 4), cp_end = u32(plc, (i + 1) * 4);
        if (cp_end <= cp_start) continue;
        std::size_t pcd = (pieces + 1) * 4 + i * 8;
        std::uint32_t fc_value = u32(plc, pcd + 2);
        bool compressed = fc_value & 0x40000000u;
        std::uint64_t fc = fc_value & 0x3FFFFFFFu;
        std::uint64_t chars = cp_end - cp_start;
        if (compressed) {
            fc /= 2;
            if (fc + chars > doc.size()) return error = "text piece beyond the document stream", false;
            for (std::uint64_t k = 0; k < chars && out.size() < max_text; ++k) {
                emit(windows1252_code_point(static_cast<unsigned char>(doc[static_cast<std::size_t>(fc + k)])));
            }
        } else {
            if (fc + chars * 2 > doc.size()) return error = "text piece beyond the document stream", false;
            for (std::uint64_t k = 0; k < chars && out.size() < max_text; ++k) {
                char16_t unit = u16(doc, static_cast<std::size_t>(fc + k * 2));
                emit(unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
            }
        }
    }
    return true;
}

CompoundClassification word_document(const CompoundFile& cf, const CfbEntry& stream, std::uint64_t max_text) {
    CompoundClassification c{"doc", Protection::unreadable, {}, {}};
    auto fib = cf.read(stream, 32);
    if (!fib || fib->size() < 12 || u16(*fib, 0) != 0xA5EC) {
        c.detail = "Word 97-2003 document with a damaged header";
        return c;
    }
    std::uint16_t flags = u16(*fib, 0x0A);
    const bool encrypted = flags & 0x0100;   // fEncrypted
    const bool obfuscated = flags & 0x8000;  // fObfuscated: XOR rather than RC4
    if (encrypted) {
        c.protection = Protection::encrypted_legacy_office;
        c.detail = obfuscated ? "Word 97-2003 document protected with XOR obfuscation (weak)"
                              : "Word 97-2003 document encrypted with a password (RC4)";
        return c;
    }
    auto whole = cf.read(stream, stream.size);
    std::string error;
    if (!whole || !word_text(cf, *whole, flags, max_text, c.text, error)) {
        c.text.clear();
        c.detail = "Word 97-2003 document: text not readable (" + (whole ? error : whole.error_message()) + ")";
        return c;
    }
    c.protection = Protection::none;
    return c;
}

CompoundClassification excel_workbook(const CompoundFile& cf, const CfbEntry& stream, std::uint64_t max_text) {
    CompoundClassification c{"xls", Protection::unreadable, {}, {}};
    auto data = cf.read(stream, kBiffScanBytes);
    if (!data) {
        c.detail = "Excel 97-2003 workbook: " + data.error_message();
        return c;
    }
    std::string_view b = *data;
    std::size_t at = 0;
    for (std::size_t records = 0; records < kMaxBiffRecords && at + 4 <= b.size(); ++records) {
        std::uint16_t type = u16(b, at), length = u16(b, at + 2);
        if (records == 0 && type != 0x0809 && type != 0x0409 && type != 0x0209 && type != 0x0009) {
            c.detail = "Excel workbook stream does not start with a BOF record";
            return c;
        }
        if (type == 0x002F) {  // FILEPASS
            c.protection = Protection::encrypted_legacy_office;
            std::uint16_t kind = at + 6 <= b.size() && length >= 2 ? u16(b, at + 4) : 0xFFFF;
            c.detail = kind == 0 ? "Excel 97-2003 workbook protected with XOR obfuscation (weak)"
                                 : "Excel 97-2003 workbook encrypted with a password (RC4)";
            return c;
        }
        if (type == 0x000A) break;  // EOF of the globals substream: no FILEPASS
        at += 4 + static_cast<std::size_t>(length);
    }
    auto whole = cf.read(stream, stream.size);
    std::string error;
    if (!whole || !read_xls_text(*whole, max_text, c.text, error)) {
        c.text.clear();
        c.detail = "Excel workbook: text not readable (" + (whole ? error : whole.error_message()) + ")";
        return c;
    }
    c.protection = Protection::none;
    return c;
}

CompoundClassification powerpoint(const CompoundFile& cf) {
    CompoundClassification c{"ppt", Protection::unreadable, {}, {}};
    bool encrypted = cf.root_stream("EncryptedSummary") != nullptr;
    if (const CfbEntry* user = cf.root_stream("Current User")) {
        auto atom = cf.read(*user, 16);
        if (atom && atom->size() >= 16 && u16(*atom, 2) == 0x0FF6 && u32(*atom, 12) == 0xF3D1C4DF) encrypted = true;
    }
    if (encrypted) {
        c.protection = Protection::encrypted_legacy_office;
        c.detail = "PowerPoint 97-2003 presentation encrypted with a password (RC4)";
        return c;
    }
    c.detail = "PowerPoint 97-2003 presentation: text extraction not supported";
    return c;
}

}  // namespace

CompoundClassification classify_compound_file(std::string_view bytes, std::string_view name, std::uint64_t max_text) {
    auto cf = CompoundFile::open(bytes);
    if (!cf) return CompoundClassification{"cfb", Protection::unreadable, "corrupt compound file: " + cf.error_message(), {}};
    const CfbEntry* info = cf->root_stream("EncryptionInfo");
    if (info && cf->root_stream("EncryptedPackage")) return encrypted_ooxml(*cf, *info, name);
    if (const CfbEntry* word = cf->root_stream("WordDocument")) return word_document(*cf, *word, max_text);
    if (const CfbEntry* book = cf->root_stream("Workbook")) return excel_workbook(*cf, *book, max_text);
    if (const CfbEntry* book = cf->root_stream("Book")) return excel_workbook(*cf, *book, max_text);
    if (cf->root_stream("PowerPoint Document")) return powerpoint(*cf);
    if (cf->any_name_starts_with("__substg1.0_")) {
        return CompoundClassification{"msg", Protection::unreadable, "Outlook message (.msg): text extraction not supported", {}};
    }
    return CompoundClassification{"cfb", Protection::unreadable, "compound file of an unknown kind: not read", {}};
}

}  // namespace chaperone::pii
