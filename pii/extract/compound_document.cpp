// Classification of Compound File attachments; see compound_document.h.
// Structures from [MS-OFFCRYPTO] 2.3.4 (EncryptionInfo), [MS-DOC] 2.5.2 (FibBase),
// [MS-XLS] 2.4.117 (FilePass), [MS-PPT] 2.3.2 (CurrentUserAtom).
#include "pii/extract/compound_document.h"

#include <fmt/format.h>

#include "pii/extract/cfb_reader.h"

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

CompoundClassification word_document(const CompoundFile& cf, const CfbEntry& stream) {
    CompoundClassification c{"doc", Protection::unreadable, {}};
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
    c.detail = "Word 97-2003 document: text extraction not supported";
    return c;
}

CompoundClassification excel_workbook(const CompoundFile& cf, const CfbEntry& stream) {
    CompoundClassification c{"xls", Protection::unreadable, {}};
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
    c.detail = "Excel 97-2003 workbook: text extraction not supported";
    return c;
}

CompoundClassification powerpoint(const CompoundFile& cf) {
    CompoundClassification c{"ppt", Protection::unreadable, {}};
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

CompoundClassification classify_compound_file(std::string_view bytes, std::string_view name) {
    auto cf = CompoundFile::open(bytes);
    if (!cf) return CompoundClassification{"cfb", Protection::unreadable, "corrupt compound file: " + cf.error_message()};
    const CfbEntry* info = cf->root_stream("EncryptionInfo");
    if (info && cf->root_stream("EncryptedPackage")) return encrypted_ooxml(*cf, *info, name);
    if (const CfbEntry* word = cf->root_stream("WordDocument")) return word_document(*cf, *word);
    if (const CfbEntry* book = cf->root_stream("Workbook")) return excel_workbook(*cf, *book);
    if (const CfbEntry* book = cf->root_stream("Book")) return excel_workbook(*cf, *book);
    if (cf->root_stream("PowerPoint Document")) return powerpoint(*cf);
    if (cf->any_name_starts_with("__substg1.0_")) {
        return CompoundClassification{"msg", Protection::unreadable, "Outlook message (.msg): text extraction not supported"};
    }
    return CompoundClassification{"cfb", Protection::unreadable, "compound file of an unknown kind: not read"};
}

}  // namespace chaperone::pii
