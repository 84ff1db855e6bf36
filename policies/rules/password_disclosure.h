// Finds a password written out in a message's text: "Password: Tr0ub4dor&3", "the password
// for the attachment is sunflower7", "pw = x8!kQ", "Passcode - 4471", or a line holding
// nothing but a strong-looking token a few lines from the word "password".
//
// Hints that are not the password ("the password is your child's date of birth", "password
// to follow by text", "I will phone you with the password") are not disclosures: the word
// after the separator must look like a password and not like prose (a stop-word list).
//
// Bounded: at most kMaxKeywords keyword occurrences are examined and kMaxDisclosures
// returned; each look-ahead stays within the keyword's line and the next few lines.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace chaperone::policies {

inline constexpr std::size_t kMaxPasswordKeywords = 200;
inline constexpr std::size_t kMaxPasswordDisclosures = 16;

struct PasswordDisclosure {
    std::size_t start = 0;  // byte offsets of the password itself in the text
    std::size_t end = 0;
};

std::vector<PasswordDisclosure> find_password_disclosures(std::string_view text);

// A token that looks like a deliberately chosen password: 8+ characters using at least
// three of lower case, upper case, digits and symbols (or 6+ with letters, digits and
// symbols), not a URL, address or date.
bool strong_looking_token(std::string_view token);

}  // namespace chaperone::policies
