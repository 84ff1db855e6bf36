// What a Compound File (OLE2) attachment is, and whether it is password-protected:
// - "EncryptionInfo" + "EncryptedPackage" streams: an encrypted Office 2007+ document
//   (docx/xlsx/pptx saved with a password); the EncryptionInfo version tells agile
//   (Office 2010+, AES) from standard (Office 2007) encryption;
// - "WordDocument": Word 97-2003; FIB flag fEncrypted (and fObfuscated for XOR);
// - "Workbook" / "Book": Excel 97-2003 / 5.0; a FILEPASS record in the globals substream;
// - "PowerPoint Document": PowerPoint 97-2003; the CurrentUserAtom's headerToken says
//   encrypted (0xF3D1C4DF), as does an "EncryptedSummary" stream;
// - Outlook .msg ("__substg1.0_" streams), or anything else: recognised, not read.
// Unencrypted legacy binaries are reported unreadable: we do not extract their text.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "pii/extract/extraction.h"

namespace chaperone::pii {

struct CompoundClassification {
    std::string detected_type;  // docx/xlsx/pptx/ooxml (encrypted), doc, xls, ppt, msg, cfb
    Protection protection = Protection::unreadable;
    std::string detail;
};

// `name` helps name an encrypted OOXML file's type (the container does not say).
CompoundClassification classify_compound_file(std::string_view bytes, std::string_view name);

}  // namespace chaperone::pii
