// ZipReader: a ZIP archive in memory (an attachment, an archive entry, an OOXML/ODF
// package) read through libzip, every entry inflated under the limits.
//
//   auto zip = ZipReader::open(bytes, limits.max_archive_entries);   // bytes must outlive it
//   for (const ZipEntry& e : zip->entries()) { EntryRead r = zip->read(e, state); ... }
//
// Bomb defences, all before or while inflating, never after:
// - declared size over max_attachment_bytes, or over what the message may still inflate
//   (ExtractState's inflated-bytes budget), refuses the entry before reading it;
// - declared size / compressed size over max_compression_ratio refuses it (entries under
//   kRatioCheckFloor are exempt: a few KB of XML may compress 200:1 and harm nobody);
// - inflation streams in chunks and stops as soon as the output passes the same bounds or
//   the declared size, so an entry that lies about its size is caught as it grows;
// - overlapping_entries() tells an archive whose entries' compressed data add up to more
//   than the archive itself (entries sharing one deflate stream, the "overlapped" bomb).
// Encryption is read per entry from the central directory (libzip parses the 0x9901 AES
// extra field into ZIP_EM_AES_*, and general-purpose bit 0 without it into
// ZIP_EM_TRAD_PKWARE); encrypted entries are never inflated.
//
// Thread-safety: one thread at a time per reader.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pii/base/result.h"
#include "pii/extract/extract_state.h"
#include "pii/extract/extraction.h"

struct zip;

namespace chaperone::pii {

inline constexpr std::uint64_t kRatioCheckFloor = 1ull << 20;

struct ZipEntry {
    std::string name;  // UTF-8 (CP437 names are converted by libzip)
    std::uint64_t index = 0;
    std::uint64_t size = 0;       // declared uncompressed size
    std::uint64_t comp_size = 0;  // compressed size
    std::uint16_t method = 0;     // ZIP_CM_*
    std::uint16_t encryption = 0; // ZIP_EM_*; 0 is none
    bool is_directory = false;

    bool encrypted() const { return encryption != 0; }
    // aes, zipcrypto, or unreadable for an encryption method we do not know.
    Protection protection() const;
    std::string encryption_name() const;  // "AES-256", "ZipCrypto", "method 0x6601"
};

struct EntryRead {
    std::string bytes;
    std::string error;  // empty when the entry was read whole
    std::string limit;  // the [limits] key when a limit stopped the read
    bool ok() const { return error.empty(); }
};

class ZipReader {
public:
    // Lists at most `max_entries` entries (entries() is then a prefix of the archive, and
    // declared_entries() says how many there are).
    static Result<ZipReader> open(std::string_view bytes, int max_entries);

    ZipReader(ZipReader&& other) noexcept;
    ZipReader& operator=(ZipReader&&) = delete;
    ~ZipReader();

    const std::vector<ZipEntry>& entries() const { return entries_; }
    std::uint64_t declared_entries() const { return declared_entries_; }
    bool overlapping_entries() const { return overlapping_; }

    // An entry by name: exact, else ASCII case-insensitive (OPC part names ignore case).
    const ZipEntry* find(std::string_view name) const;

    // Inflates one entry under the limits and charges the bytes to `state`'s budget.
    EntryRead read(const ZipEntry& entry, ExtractState& state) const;

private:
    explicit ZipReader(zip* archive) : archive_(archive) {}
    zip* archive_;
    std::vector<ZipEntry> entries_;
    std::unordered_map<std::string, std::size_t> by_lower_name_;
    std::uint64_t declared_entries_ = 0;
    bool overlapping_ = false;
};

}  // namespace chaperone::pii
