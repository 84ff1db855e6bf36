// Implementation of domain and address normalisation; see domain.h.
#include "policies/address/domain.h"

#include <idn2.h>

#include <cctype>
#include <cstdlib>

namespace chaperone::policies {

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

Result<std::string> normalize_domain(std::string_view domain) {
    domain = trim(domain);
    if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
    if (domain.empty()) return Status::error(Errc::invalid_input, "empty domain");
    bool ascii = true;
    for (unsigned char c : domain) {
        if (c >= 0x80) ascii = false;
        else if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_'))
            return Status::error(Errc::invalid_input, "domain contains an invalid character");
    }
    if (ascii) {
        std::string lower = ascii_lower(domain);
        if (lower.find("..") != std::string::npos || lower.front() == '.')
            return Status::error(Errc::invalid_input, "domain has an empty label");
        return lower;
    }
    char* converted = nullptr;
    std::string input(domain);
    int rc = idn2_to_ascii_8z(input.c_str(), &converted, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
    if (rc != IDN2_OK) {
        // UTS#46 transitional processing accepts a few more legacy spellings.
        rc = idn2_to_ascii_8z(input.c_str(), &converted, IDN2_TRANSITIONAL | IDN2_NFC_INPUT);
    }
    if (rc != IDN2_OK) return Status::error(Errc::invalid_input, std::string("invalid internationalised domain: ") + idn2_strerror(rc));
    std::string out = ascii_lower(converted);
    idn2_free(converted);
    return out;
}

std::string normalize_address(std::string_view address) {
    address = trim(address);
    if (address.size() >= 2 && address.front() == '<' && address.back() == '>') {
        address = trim(address.substr(1, address.size() - 2));
    }
    size_t at = address.rfind('@');
    if (at == std::string_view::npos) return std::string(address);
    auto domain = normalize_domain(address.substr(at + 1));
    std::string local(address.substr(0, at));
    if (!domain) return local + "@" + ascii_lower(address.substr(at + 1));
    return local + "@" + *domain;
}

std::string address_domain(std::string_view address) {
    std::string normal = normalize_address(address);
    size_t at = normal.rfind('@');
    if (at == std::string::npos) return {};
    return normal.substr(at + 1);
}

bool domain_within(std::string_view domain, const std::vector<std::string>& domains) {
    if (domain.empty()) return false;
    for (const std::string& d : domains) {
        if (domain == d) return true;
        if (domain.size() > d.size() && domain.substr(domain.size() - d.size()) == d &&
            domain[domain.size() - d.size() - 1] == '.')
            return true;
    }
    return false;
}

// Iterative glob with '*' and '?', case-insensitive for ASCII.
bool address_matches_glob(std::string_view address, std::string_view glob) {
    std::string text = ascii_lower(normalize_address(address));
    std::string pattern = ascii_lower(glob);
    size_t t = 0, p = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace chaperone::policies
