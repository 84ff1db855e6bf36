// DfE local authority numbers of England (characters 2-4 of a UPN).
//
// Source: DfE "new local authority codes" (2011) plus later reorganisations: Dorset 838,
// Bournemouth, Christchurch and Poole 839 (2019), North and West Northamptonshire 940/941
// (2021), Cumberland 942 and Westmorland and Furness 943 (2023). The codes they replaced
// stay valid: UPNs are issued once and kept for life.
//
// Thread-safety: constant table.
#pragma once

#include <string_view>

namespace chaperone::pii {

bool is_english_la_code(std::string_view three_digits);

}  // namespace chaperone::pii
