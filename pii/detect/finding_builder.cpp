// make_finding() and make_detector(); see detector.h.
#include "pii/detect/detector.h"

namespace chaperone::pii {

Finding make_finding(const DetectorInput& input, PiiKind kind, std::size_t start, std::size_t end, double confidence,
                     std::string reason) {
    Finding f;
    f.kind = kind;
    f.start = start;
    f.end = end;
    f.text = std::string(input.text().substr(start, end - start));
    f.where = std::string(input.where);
    f.confidence = confidence;
    f.reason = std::move(reason);
    return f;
}

std::unique_ptr<Detector> make_detector(PiiKind kind) {
    switch (kind) {
        case PiiKind::person_name: return make_person_name_detector();
        case PiiKind::dob: return make_dob_detector();
        case PiiKind::address: return make_address_detector();
        case PiiKind::postcode: return make_postcode_detector();
        case PiiKind::upn: return make_upn_detector();
        case PiiKind::uln: return make_uln_detector();
        case PiiKind::nhs_number: return make_nhs_number_detector();
        case PiiKind::nino: return make_nino_detector();
        case PiiKind::phone: return make_phone_detector();
        case PiiKind::email: return make_email_detector();
    }
    return nullptr;
}

}  // namespace chaperone::pii
