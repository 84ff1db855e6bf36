// libsodium start-up and hashing helpers; see sodium_init.h.
#include "archive/crypto/sodium_init.h"

#include <sodium.h>

namespace chaperone::archive::crypto {

Status ensure_sodium() {
    static const int rc = sodium_init();  // thread-safe static init; sodium_init is idempotent
    if (rc < 0) return Status::error(Errc::internal, "libsodium failed to initialise");
    return Status::ok();
}

std::string hex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::string unhex(std::string_view text, std::size_t expected_bytes) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
    if (text.size() != expected_bytes * 2) return {};
    std::string out(expected_bytes, '\0');
    std::size_t len = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                       &len, nullptr) != 0 ||
        len != expected_bytes) {
        return {};
    }
    return out;
}

std::string blake2b256(std::string_view bytes) {
    (void)ensure_sodium();
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    (void)ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string random_hex(std::size_t n) {
    (void)ensure_sodium();
    std::string raw(n, '\0');
    randombytes_buf(raw.data(), raw.size());
    return hex(raw);
}

}  // namespace chaperone::archive::crypto
