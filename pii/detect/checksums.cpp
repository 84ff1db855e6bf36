// Check-digit rules; see checksums.h for the algorithms and their sources.
#include "pii/detect/checksums.h"

#include <array>

#include "pii/detect/la_codes.h"

namespace chaperone::pii {
namespace {

constexpr std::string_view kUpnAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";  // 23 letters: no I, O, S

bool all_digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

// Sum of d[i] * (11 - i) over the first nine digits (weights 10 down to 2), mod 11.
int mod11_remainder(std::string_view digits) {
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    return sum % 11;
}

}  // namespace

char upn_check_letter(std::string_view twelve) {
    if (twelve.size() != 12) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        const char c = twelve[i];
        int value = 0;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (i == 11) {  // a temporary UPN ends in a letter
            const auto at = kUpnAlphabet.find(c);
            if (at == std::string_view::npos) return '\0';
            value = static_cast<int>(at);
        } else {
            return '\0';
        }
        sum += value * static_cast<int>(i + 2);
    }
    return kUpnAlphabet[static_cast<std::size_t>(sum % 23)];
}

bool is_valid_upn(std::string_view upn) {
    if (upn.size() != 13) return false;
    if (!all_digits(upn.substr(1, 11))) return false;
    if (!is_english_la_code(upn.substr(1, 3))) return false;
    const char check = upn_check_letter(upn.substr(1));
    return check != '\0' && check == upn[0];
}

bool is_temporary_upn(std::string_view upn) { return is_valid_upn(upn) && !(upn[12] >= '0' && upn[12] <= '9'); }

bool is_valid_uln(std::string_view digits) {
    if (digits.size() != 10 || !all_digits(digits) || digits[0] == '0') return false;
    const int r = mod11_remainder(digits);
    if (r == 0) return false;  // 10 - 0 would need two digits: never issued
    return digits[9] - '0' == 10 - r;
}

bool is_valid_nhs_number(std::string_view digits) {
    if (digits.size() != 10 || !all_digits(digits)) return false;
    if (digits.find_first_not_of(digits[0]) == std::string_view::npos) return false;  // 0000000000, 1111111111 ...
    int check = 11 - mod11_remainder(digits);
    if (check == 11) check = 0;
    if (check == 10) return false;
    return digits[9] - '0' == check;
}

bool is_valid_nino_prefix(std::string_view p) {
    if (p.size() != 2) return false;
    const char a = p[0], b = p[1];
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return false;
    if (std::string_view("DFIQUV").find(a) != std::string_view::npos) return false;
    if (std::string_view("DFIOQUV").find(b) != std::string_view::npos) return false;
    static constexpr std::array<std::string_view, 15> kExcluded = {
        "BG", "GB", "KN", "NK", "NT", "TN", "ZZ",              // never allocated
        "OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ"};      // administrative
    for (auto x : kExcluded) {
        if (x == p) return false;
    }
    return true;
}

bool is_valid_nino(std::string_view s) {
    if (s.size() != 8 && s.size() != 9) return false;
    if (!is_valid_nino_prefix(s.substr(0, 2)) || !all_digits(s.substr(2, 6))) return false;
    return s.size() == 8 || (s[8] >= 'A' && s[8] <= 'D');
}

}  // namespace chaperone::pii
