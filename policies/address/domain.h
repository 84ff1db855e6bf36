// Domain and address normalisation, and the internal/external test for recipients.
//
// Domains are compared as lower-case ASCII (IDNA2008 A-labels via libidn2), so
// "SCHOOL.example", "school.example." and a Unicode domain and its xn-- form all agree.
// A domain is internal when it equals an internal domain or is a subdomain of one
// ("mail.school.example" under "school.example"; never "evilschool.example").
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::policies {

// Lower-case A-label form of a domain, without a trailing dot. Errors on an empty or
// invalid domain (bad IDN, spaces, empty labels).
Result<std::string> normalize_domain(std::string_view domain);

// "<Jo.Bloggs@School.Example>" -> "Jo.Bloggs@school.example": strips angle brackets and
// whitespace, keeps the local part's case (it may matter), normalises the domain.
// An address without '@' (e.g. "postmaster" or the null sender "<>") is returned trimmed.
std::string normalize_address(std::string_view address);

// The domain part of an address, normalised; empty when there is none.
std::string address_domain(std::string_view address);

// True when `domain` (already normalised) is one of `domains` or below one of them.
bool domain_within(std::string_view domain, const std::vector<std::string>& domains);

// Lower-cases an ASCII string (addresses compare case-insensitively in practice).
std::string ascii_lower(std::string_view text);

// Shell-style glob over addresses, case-insensitive: "*@pupils.school.example", "y7.*@school.example".
bool address_matches_glob(std::string_view address, std::string_view glob);

}  // namespace chaperone::policies
