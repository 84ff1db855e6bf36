// Sealed blobs: how a stored message is encrypted so that only the secret key can read it.
//
// Hybrid scheme, fit for messages of any size without holding two copies in memory:
//   magic "CHAPBLB1" (8 bytes)
//   crypto_box_seal(per-blob key, archive public key)         (80 bytes)
//   crypto_secretstream_xchacha20poly1305 header              (24 bytes)
//   chunks: each 64 KiB of plaintext + 17 bytes of tag; the last one tagged FINAL
// A fresh random key per blob; the blob id is the additional data of every chunk, so a blob
// renamed to another entry's id does not open. Truncation (no FINAL chunk), extra bytes,
// a flipped bit or the wrong key pair are all errors, never partial plaintext.
//
//   BlobSealer sealer(public_key, blob_id, sink);   // sink(bytes) writes the sealed bytes
//   sealer.update(part1); sealer.update(part2); sealer.finish();
//   auto plain = open_blob(sealed_bytes, public_key, secret_key, blob_id);
//
// Thread-safety: a BlobSealer is one thread's; open_blob is reentrant.
#pragma once

#include <sodium.h>

#include <functional>
#include <string>
#include <string_view>

#include "archive/crypto/key_files.h"
#include "pii/base/result.h"

namespace chaperone::archive::crypto {

constexpr std::size_t kBlobChunkBytes = 64 * 1024;
constexpr std::string_view kBlobMagic = "CHAPBLB1";

class BlobSealer {
public:
    using Sink = std::function<Status(std::string_view sealed_bytes)>;
    BlobSealer(const PublicKey& key, std::string blob_id, Sink sink);
    ~BlobSealer();
    BlobSealer(const BlobSealer&) = delete;
    BlobSealer& operator=(const BlobSealer&) = delete;

    Status update(std::string_view plaintext);
    Status finish();

private:
    Status start();
    Status emit_chunk(std::string_view plaintext, bool final);
    const PublicKey& key_;
    std::string blob_id_;
    Sink sink_;
    bool started_ = false;
    bool finished_ = false;
    std::string pending_;
    crypto_secretstream_xchacha20poly1305_state state_;
};

// The whole sealed form of `plaintext` in memory (tests, small blobs).
Result<std::string> seal_blob(std::string_view plaintext, const PublicKey& key, const std::string& blob_id);

Result<std::string> open_blob(std::string_view sealed, const PublicKey& public_key, const SecretBytes& secret_key,
                              const std::string& blob_id);

}  // namespace chaperone::archive::crypto
