// Kind names of findings; see finding.h.
#include "pii/finding.h"

#include <array>

namespace chaperone::pii {
namespace {
constexpr std::array<std::string_view, 10> kNames = {"person_name", "dob",        "address", "postcode", "upn",
                                                     "uln",         "nhs_number", "nino",    "phone",    "email"};
}

std::string_view kind_name(PiiKind kind) { return kNames[static_cast<std::size_t>(kind)]; }

bool parse_kind(std::string_view name, PiiKind& out) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) {
            out = static_cast<PiiKind>(i);
            return true;
        }
    }
    return false;
}

}  // namespace chaperone::pii
