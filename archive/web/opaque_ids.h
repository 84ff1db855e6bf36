// Opaque references for URLs: a pupil's page is /casefiles/pupil/<token>, never the UPN,
// so no pupil identifier reaches browser history, proxy logs or our own request log.
//
//   OpaqueIds ids;                                   // a fresh random key per server process
//   std::string token = ids.seal("pupil", upn);      // URL-safe base64, changes every call
//   auto upn = ids.open("pupil", token);             // nullopt: forged, altered or another kind
//
// A token is XSalsa20-Poly1305 (crypto_secretbox) of "kind\n" + value under the process
// key, with a random nonce: nobody without the key can read or forge one, and a token for
// one kind cannot be opened as another. Tokens die with the process (a restart means
// searching again), which is also why they need no storage.
//
// Thread-safety: seal/open are safe from any thread (the key is immutable).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chaperone::archive::web {

constexpr std::size_t kMaxOpaqueValueBytes = 256;

class OpaqueIds {
public:
    OpaqueIds();
    std::string seal(std::string_view kind, std::string_view value) const;
    std::optional<std::string> open(std::string_view kind, std::string_view token) const;

private:
    unsigned char key_[32];
};

}  // namespace chaperone::archive::web
