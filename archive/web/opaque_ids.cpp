// Opaque URL tokens; see opaque_ids.h.
#include "archive/web/opaque_ids.h"

#include <sodium.h>

#include "archive/crypto/sodium_init.h"

namespace chaperone::archive::web {

OpaqueIds::OpaqueIds() {
    (void)crypto::ensure_sodium();
    crypto_secretbox_keygen(key_);
}

std::string OpaqueIds::seal(std::string_view kind, std::string_view value) const {
    std::string plain = std::string(kind) + "\n" + std::string(value.substr(0, kMaxOpaqueValueBytes));
    std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(box.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                          plain.size(), nonce, key_);
    std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::optional<std::string> OpaqueIds::open(std::string_view kind, std::string_view token) const {
    constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (token.empty() || token.size() > 2 * (kOverhead + kMaxOpaqueValueBytes + 64)) return std::nullopt;
    std::string box(token.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), token.data(), token.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len < kOverhead) {
        return std::nullopt;
    }
    const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
    std::string plain(len - kOverhead, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, nonce, key_) != 0) {
        return std::nullopt;
    }
    std::string prefix = std::string(kind) + "\n";
    if (plain.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    return plain.substr(prefix.size());
}

}  // namespace chaperone::archive::web
