// Unique Pupil Numbers (DfE): 13 characters, a check letter then 12 characters
// (LA code 3 digits, establishment 4, year 2, serial 3; a temporary UPN ends in a letter).
//
// The check letter: weight characters 2..13 by 2..13, sum, mod 23, and index into
// "ABCDEFGHJKLMNPQRTUVWXYZ" (a letter in position 13 counts as its index in that alphabet).
// Valid example: B801200005001.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chaperone::archive::roster {

// nullopt when the 12 characters after the check letter are not of UPN form.
std::optional<char> upn_check_letter(std::string_view upn);
// Empty when valid; otherwise why not, for the import report.
std::string upn_problem(std::string_view upn);

}  // namespace chaperone::archive::roster
