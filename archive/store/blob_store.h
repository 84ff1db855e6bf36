// Sealed message blobs on disk: <dir>/blobs/xx/<id>, where id is 32 random hex digits and
// xx its first two.
//
// write() seals the plaintext to the archive public key while writing a temp file in the
// same directory (.tmp-<id>, mode 0600), fsyncs it, renames it into place and fsyncs the
// directory: a blob either exists whole or not at all. Any write error (disk full, EIO) is
// a Status and the temp file is removed. Callers write the blob FIRST and the metadata row
// after, in a transaction; a crash between the two leaves an orphan blob, which sweep()
// finds (and removes when asked) and `chaperone archive fsck` reports.
//
// The same machinery serves any store that keeps whole messages (case files, quarantine).
//
// Thread-safety: all methods are safe to call concurrently; each blob has its own files.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "archive/crypto/key_files.h"
#include "pii/base/result.h"

namespace chaperone::archive {

struct BlobRef {
    std::string id;
    std::uint64_t sealed_size = 0;
    std::string sealed_hash_hex;  // BLAKE2b-256 of the file's bytes
};

struct BlobFile {
    std::string id;  // empty for a temp file
    std::filesystem::path path;
    std::chrono::system_clock::time_point modified;
    bool temporary = false;
};

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

    Result<BlobRef> write(std::string_view plaintext, const crypto::PublicKey& key) const;
    Result<std::string> read(const std::string& id, const crypto::PublicKey& public_key,
                             const crypto::SecretBytes& secret_key) const;
    // BLAKE2b-256 (hex) of the sealed file as it is now, and its size; needs no key.
    Result<BlobRef> fingerprint(const std::string& id) const;
    Status remove(const std::string& id) const;
    // Every blob and leftover temp file, for fsck and the orphan sweep.
    Result<std::vector<BlobFile>> list() const;

    std::filesystem::path path_of(const std::string& id) const;
    const std::filesystem::path& root() const { return root_; }
    static bool valid_id(const std::string& id);

private:
    std::filesystem::path root_;
};

}  // namespace chaperone::archive
