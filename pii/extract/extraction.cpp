// Names of the protection classes, as they appear in reports, JSON and logs.
#include "pii/extract/extraction.h"

namespace chaperone::pii {

std::string protection_name(Protection protection) {
    switch (protection) {
        case Protection::none: return "none";
        case Protection::encrypted_aes: return "aes";
        case Protection::encrypted_zipcrypto: return "zipcrypto";
        case Protection::encrypted_pdf: return "pdf";
        case Protection::encrypted_ooxml: return "ooxml";
        case Protection::encrypted_legacy_office: return "legacy-office";
        case Protection::encrypted_odf: return "odf";
        case Protection::unreadable: return "unreadable";
    }
    return "unreadable";
}

}  // namespace chaperone::pii
