// Check-digit rules of the identifiers Chaperone detects. Each takes the identifier with
// separators already removed (upper-case letters, digits) and says whether it is
// well-formed; none of them says the number was ever issued.
//
// - UPN (DfE): 13 characters, check letter + LA code + establishment + year + serial.
//   Permanent: letter + 12 digits; temporary: letter + 11 digits + letter. Check letter =
//   sum(char[i] * i, i = 2..13) mod 23 over "ABCDEFGHJKLMNPQRTUVWXYZ"; a temporary UPN's
//   final letter counts as its index in that same alphabet. Characters 2-4 must be an
//   English local authority code (la_codes.h). Test vector: B801200005001.
// - ULN (Learning Records Service): 10 digits, first not 0; r = sum(d[i] * (11 - i),
//   i = 1..9) mod 11; r = 0 is never issued; check digit = 10 - r.
// - NHS number: 10 digits; r = sum(d[i] * (11 - i), i = 1..9) mod 11; check = 11 - r,
//   11 -> 0, 10 -> invalid; ten identical digits are rejected. Test vector: 9434765919.
// - National Insurance number (HMRC): two prefix letters, six digits, suffix A-D (or
//   none). First letter not D F I Q U V; second not D F I O Q U V; BG GB KN NK NT TN ZZ are
//   never issued; OO CR FY MW NC PP PY PZ are administrative, not a person's.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace chaperone::pii {

// The check letter for the 12 characters after it, or '\0' when a character is not allowed.
char upn_check_letter(std::string_view twelve);
bool is_valid_upn(std::string_view upn);
bool is_temporary_upn(std::string_view upn);

bool is_valid_uln(std::string_view digits);
bool is_valid_nhs_number(std::string_view digits);

// Prefix rules only ("AB"); is_valid_nino checks the whole "AB123456C" / "AB123456".
bool is_valid_nino_prefix(std::string_view two_letters);
bool is_valid_nino(std::string_view compact);

}  // namespace chaperone::pii
