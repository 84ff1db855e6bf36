// Whose place is it? Addresses and postcodes of homes are PII; the school's own address and
// the business addresses of suppliers ("Unit 4, Riverside Industrial Estate") are not.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chaperone::pii {

// Lines above an address that still count as the same address block.
inline constexpr std::size_t kAddressBlockLines = 3;

// "Ltd", "Unit 4", "Industrial Estate", "Business Park" ... on the line of `pos` or the
// kAddressBlockLines lines above it.
bool has_business_context(std::string_view text, std::size_t pos);

// The school's address, folded ("pembury lane leicester le4 1fx"), and its postcodes.
struct SchoolPlace {
    std::string folded_address;
    std::vector<std::string> postcodes;  // compact
    explicit SchoolPlace(std::string_view address);
    // `folded_street` ("pembury lane", "1 pembury lane") is part of the school's address.
    bool has_street(std::string_view folded_street) const;
    bool has_postcode(std::string_view compact) const;
};

}  // namespace chaperone::pii
