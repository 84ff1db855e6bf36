// UK phone number validation, backed by libphonenumber (Debian libphonenumber-dev).
//
// Detectors find phone-shaped digit groups themselves (fast, windows around digits); only
// those candidates come here. A number counts when libphonenumber says it is a valid UK
// number, or when it has the length and prefix of a UK geographic (01/02) or mobile (07)
// number that libphonenumber considers possible but not allocated: its metadata lags
// Ofcom's allocations, and ranges reserved for drama (07700 900xxx, 0116 496 0xxx) are
// still a person's number in every way that matters to a reader.
// Non-geographic numbers (03, 05, 08, 09) belong to organisations and are not PII.
//
// Thread-safety: libphonenumber's PhoneNumberUtil is a singleton whose queries are const;
// it is initialised (and its logger silenced) on first use under a static's guard.
#pragma once

#include <string_view>

namespace chaperone::pii {

enum class UkPhoneValidity { invalid, possible, valid };

// `national` is digits only, starting with 0 ("07700900123").
UkPhoneValidity check_uk_phone(std::string_view national);

}  // namespace chaperone::pii
