// Sealing and opening blobs; see sealed_blob.h for the format.
#include "archive/crypto/sealed_blob.h"

#include "archive/crypto/sodium_init.h"

namespace chaperone::archive::crypto {
namespace {

constexpr std::size_t kKey = crypto_secretstream_xchacha20poly1305_KEYBYTES;
constexpr std::size_t kSealedKey = crypto_box_SEALBYTES + kKey;
constexpr std::size_t kHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kTag = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kPrefix = 8 + kSealedKey + kHeader;

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

BlobSealer::BlobSealer(const PublicKey& key, std::string blob_id, Sink sink)
    : key_(key), blob_id_(std::move(blob_id)), sink_(std::move(sink)) {}

BlobSealer::~BlobSealer() { sodium_memzero(&state_, sizeof state_); }

Status BlobSealer::start() {
    if (auto s = ensure_sodium(); !s) return s;
    SecretBytes stream_key;
    crypto_secretstream_xchacha20poly1305_keygen(stream_key.data());
    std::string prefix(kPrefix, '\0');
    auto* out = reinterpret_cast<unsigned char*>(prefix.data());
    std::copy(kBlobMagic.begin(), kBlobMagic.end(), prefix.begin());
    if (crypto_box_seal(out + 8, stream_key.data(), kKey, key_.bytes.data()) != 0) {
        return Status::error(Errc::internal, "sealing the blob key failed");
    }
    crypto_secretstream_xchacha20poly1305_init_push(&state_, out + 8 + kSealedKey, stream_key.data());
    started_ = true;
    return sink_(prefix);
}

Status BlobSealer::emit_chunk(std::string_view plaintext, bool final) {
    std::string cipher(plaintext.size() + kTag, '\0');
    unsigned long long len = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state_, reinterpret_cast<unsigned char*>(cipher.data()), &len, u8(plaintext), plaintext.size(), u8(blob_id_),
        blob_id_.size(), final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    cipher.resize(static_cast<std::size_t>(len));
    return sink_(cipher);
}

Status BlobSealer::update(std::string_view plaintext) {
    if (finished_) return Status::error(Errc::internal, "blob already finished");
    if (!started_) {
        if (auto s = start(); !s) return s;
    }
    pending_.append(plaintext);
    // Keep at least one byte back: only finish() knows which chunk is the final one.
    std::size_t offset = 0;
    while (pending_.size() - offset > kBlobChunkBytes) {
        if (auto s = emit_chunk(std::string_view(pending_).substr(offset, kBlobChunkBytes), false); !s) return s;
        offset += kBlobChunkBytes;
    }
    pending_.erase(0, offset);
    return Status::ok();
}

Status BlobSealer::finish() {
    if (finished_) return Status::error(Errc::internal, "blob already finished");
    if (!started_) {
        if (auto s = start(); !s) return s;
    }
    finished_ = true;
    Status s = emit_chunk(pending_, true);
    sodium_memzero(pending_.data(), pending_.size());
    pending_.clear();
    return s;
}

Result<std::string> seal_blob(std::string_view plaintext, const PublicKey& key, const std::string& blob_id) {
    std::string out;
    out.reserve(plaintext.size() + kPrefix + kTag * (plaintext.size() / kBlobChunkBytes + 1));
    BlobSealer sealer(key, blob_id, [&out](std::string_view bytes) {
        out.append(bytes);
        return Status::ok();
    });
    if (auto s = sealer.update(plaintext); !s) return s;
    if (auto s = sealer.finish(); !s) return s;
    return out;
}

Result<std::string> open_blob(std::string_view sealed, const PublicKey& public_key, const SecretBytes& secret_key,
                              const std::string& blob_id) {
    if (auto s = ensure_sodium(); !s) return s;
    auto corrupt = [&](const char* why) {
        return Status::error(Errc::invalid_input, std::string("sealed blob ") + blob_id + ": " + why);
    };
    if (sealed.size() < kPrefix + kTag || sealed.substr(0, 8) != kBlobMagic) return corrupt("not a Chaperone sealed blob");
    SecretBytes stream_key;
    if (crypto_box_seal_open(stream_key.data(), u8(sealed) + 8, kSealedKey, public_key.bytes.data(),
                             secret_key.data()) != 0) {
        return corrupt("cannot open its key (wrong key pair, or the blob was altered)");
    }
    crypto_secretstream_xchacha20poly1305_state state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state, u8(sealed) + 8 + kSealedKey, stream_key.data()) != 0) {
        return corrupt("bad stream header");
    }
    std::string plain;
    plain.reserve(sealed.size());
    std::size_t offset = kPrefix;
    bool final_seen = false;
    std::string chunk(kBlobChunkBytes, '\0');
    while (offset < sealed.size()) {
        if (final_seen) return corrupt("data after the final chunk");
        std::size_t take = std::min(kBlobChunkBytes + kTag, sealed.size() - offset);
        if (take < kTag) return corrupt("truncated chunk");
        unsigned long long len = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, reinterpret_cast<unsigned char*>(chunk.data()), &len, &tag,
                                                       u8(sealed) + offset, take, u8(blob_id), blob_id.size()) != 0) {
            sodium_memzero(&state, sizeof state);
            return corrupt("a chunk fails authentication (altered, or filed under another id)");
        }
        plain.append(chunk.data(), static_cast<std::size_t>(len));
        final_seen = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        offset += take;
    }
    sodium_memzero(&state, sizeof state);
    sodium_memzero(chunk.data(), chunk.size());
    if (!final_seen) return corrupt("truncated (no final chunk)");
    return plain;
}

}  // namespace chaperone::archive::crypto
