// Signed and encrypted forms; see signed_detector.h.
#include "policies/footer/signed_detector.h"

namespace chaperone::policies::footer {

std::string_view signed_or_encrypted_type(std::string_view mime_type) {
    static constexpr std::string_view kTypes[] = {"multipart/signed", "multipart/encrypted", "application/pkcs7-mime",
                                                  "application/x-pkcs7-mime"};
    for (std::string_view type : kTypes) {
        if (mime_type == type) return type;
    }
    return {};
}

std::string_view inline_pgp_marker(std::string_view text) {
    static constexpr std::string_view kMarkers[] = {"-----BEGIN PGP MESSAGE-----", "-----BEGIN PGP SIGNED MESSAGE-----"};
    for (std::string_view marker : kMarkers) {
        std::size_t pos = 0;
        while ((pos = text.find(marker, pos)) != std::string_view::npos) {
            if (pos == 0 || text[pos - 1] == '\n') return marker;
            pos += marker.size();
        }
    }
    return {};
}

}  // namespace chaperone::policies::footer
