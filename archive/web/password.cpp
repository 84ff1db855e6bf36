// argon2id password hashing; see password.h.
#include "archive/web/password.h"

#include <sodium.h>

#include <fmt/format.h>

#include "archive/crypto/sodium_init.h"

namespace chaperone::archive::web {

std::string password_problem(std::string_view password) {
    if (password.size() < kMinPasswordBytes) {
        return fmt::format("a password needs at least {} characters", kMinPasswordBytes);
    }
    if (password.size() > kMaxPasswordBytes) return fmt::format("a password has at most {} characters", kMaxPasswordBytes);
    for (unsigned char c : password) {
        if (c < 0x20 || c == 0x7f) return "a password cannot contain control characters";
    }
    return {};
}

Result<std::string> hash_password(std::string_view password) {
    if (auto s = crypto::ensure_sodium(); !s) return s;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return Status::error(Errc::io, "hashing the password: out of memory");
    }
    return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
    if (!crypto::ensure_sodium()) return false;
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash) {
    return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace chaperone::archive::web
