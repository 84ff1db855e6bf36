// UPN check letter; see upn.h.
#include "archive/roster/upn.h"

namespace chaperone::archive::roster {
namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::optional<char> upn_check_letter(std::string_view upn) {
    if (upn.size() != 13) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 1; i < 13; ++i) {
        char c = upn[i];
        int value = 0;
        if (digit(c)) {
            value = c - '0';
        } else if (i == 12 && kAlphabet.find(c) != std::string_view::npos) {
            value = static_cast<int>(kAlphabet.find(c));
        } else {
            return std::nullopt;
        }
        sum += value * static_cast<int>(i + 1);
    }
    return kAlphabet[static_cast<std::size_t>(sum % 23)];
}

std::string upn_problem(std::string_view upn) {
    if (upn.size() != 13) return "not 13 characters";
    auto check = upn_check_letter(upn);
    if (!check || kAlphabet.find(upn[0]) == std::string_view::npos) {
        return "not of UPN form (a check letter, 11 digits, then a digit or letter)";
    }
    if (*check != upn[0]) return std::string("check letter should be ") + *check;
    return {};
}

}  // namespace chaperone::archive::roster
