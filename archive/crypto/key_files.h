// The archive's three key files: who holds which, how they are made, and how they are loaded.
//
//   archive.pub  X25519 public key. Needed by every process that STORES messages (the milter):
//                each blob's random key is sealed to it. Not secret (mode 0644).
//   archive.key  X25519 secret key. Needed only by processes that READ stored messages (the
//                `chaperone archive show/export` CLI and the web console). Must be mode 0600
//                and owned by the user running the program; anything else is refused at start.
//                Keep it off the mail relay if reading is done elsewhere.
//   chain.key    32-byte key of the BLAKE2b hash chain over case-file entries and audit
//                records. Needed by every process that APPENDS records (milter and CLI) and
//                by `chaperone audit verify`. It does not decrypt anything, but whoever holds
//                it can forge chain links, so it is private too (no group/other access).
// The public and secret key files sit where [storage] public_key_file / secret_key_file say
// (default <dir>/keys/); chain.key sits beside the public key. Each is one line of hex.
// `chaperone keys init` writes all three and refuses to overwrite any that exists.
//
// Thread-safety: the loaded keys are immutable; share them freely. Secret bytes live in
// sodium_malloc'd memory (guard pages, locked, wiped on free).
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive::crypto {

constexpr std::size_t kKeyBytes = 32;

struct PublicKey {
    std::array<unsigned char, kKeyBytes> bytes{};
};

// 32 secret bytes in guarded memory.
class SecretBytes {
public:
    SecretBytes();
    ~SecretBytes();
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    unsigned char* data() { return data_; }
    const unsigned char* data() const { return data_; }
    static constexpr std::size_t size() { return kKeyBytes; }

private:
    unsigned char* data_;
};

using SecretKey = std::shared_ptr<const SecretBytes>;
using ChainKey = std::shared_ptr<const SecretBytes>;

struct KeyPaths {
    std::filesystem::path public_key;
    std::filesystem::path secret_key;
    std::filesystem::path chain_key;
};
KeyPaths key_paths(const policies::StorageConfig& storage);

// Generates all three files (creating their directory 0700). Refuses, changing nothing,
// when any of them already exists.
Status generate_key_files(const KeyPaths& paths);

Result<PublicKey> load_public_key(const std::filesystem::path& path);
// Refuses unless the file is mode 0600 and owned by the effective user.
Result<SecretKey> load_secret_key(const std::filesystem::path& path);
// Refuses when group or others may read or write it.
Result<ChainKey> load_chain_key(const std::filesystem::path& path);

}  // namespace chaperone::archive::crypto
