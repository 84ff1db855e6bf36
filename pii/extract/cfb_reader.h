// CompoundFile: a small, defensive reader of the Compound File Binary format (MS-CFB, the
// "OLE2" container of .doc/.xls/.ppt/.msg and of encrypted Office 2007+ files).
//
//   auto cfb = CompoundFile::open(bytes);          // bytes must outlive it
//   if (const CfbEntry* s = cfb->root_stream("EncryptionInfo")) { auto data = cfb->read(*s, 4096); }
//
// It reads only what classification needs: the directory, and the first bytes of a stream
// (regular or mini stream). Every chain walk is bounded by the number of sectors in the
// file (so FAT loops end), every index is range-checked, and a malformed file is an error
// value, never a crash.
//
// Thread-safety: immutable after open(); safe to share for reading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::pii {

struct CfbEntry {
    std::string name;  // UTF-8 (from the UTF-16 directory name)
    int type = 0;      // 1 storage, 2 stream, 5 root
    std::uint32_t start_sector = 0;
    std::uint64_t size = 0;
    std::uint32_t left = 0xFFFFFFFF, right = 0xFFFFFFFF, child = 0xFFFFFFFF;
};

class CompoundFile {
public:
    static bool has_signature(std::string_view bytes);
    static Result<CompoundFile> open(std::string_view bytes);

    const std::vector<CfbEntry>& entries() const { return entries_; }
    // Entries directly under the root storage, in directory-tree order.
    std::vector<const CfbEntry*> root_children() const;
    // A stream directly under the root, by name (ASCII case-insensitive), or null.
    const CfbEntry* root_stream(std::string_view name) const;
    // A storage directly under the root, by name, or null.
    const CfbEntry* root_storage(std::string_view name) const;
    // True when any entry name starts with `prefix` (e.g. Outlook's "__substg1.0_").
    bool any_name_starts_with(std::string_view prefix) const;

    // Up to `max_bytes` of a stream's data.
    Result<std::string> read(const CfbEntry& stream, std::uint64_t max_bytes) const;

private:
    CompoundFile() = default;
    Result<std::string> read_chain(std::uint32_t start, std::uint64_t size, bool mini, std::uint64_t max_bytes) const;
    std::uint32_t fat_next(std::uint32_t sector) const;

    std::string_view bytes_;
    std::uint32_t sector_size_ = 512;
    std::uint32_t mini_sector_size_ = 64;
    std::uint32_t mini_cutoff_ = 4096;
    std::uint64_t sector_count_ = 0;
    std::vector<std::uint32_t> fat_;
    std::vector<std::uint32_t> mini_fat_;
    std::vector<CfbEntry> entries_;
    std::string mini_stream_;  // the root entry's stream, read when the directory is
};

}  // namespace chaperone::pii
