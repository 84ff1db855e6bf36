// Compound File Binary reader; see cfb_reader.h. Layout from [MS-CFB] sections 2.2-2.6.
#include "pii/extract/cfb_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFreeSector = 0xFFFFFFFF;
constexpr std::uint32_t kMaxRegularSector = 0xFFFFFFFA;
constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
constexpr std::size_t kHeaderDifatEntries = 109;
constexpr std::size_t kDirEntrySize = 128;
constexpr std::uint64_t kMaxDirectoryEntries = 1u << 20;  // far beyond any real document
constexpr std::uint64_t kMaxMiniStream = 64u << 20;

std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t u32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(u16(b, at)) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}
std::uint64_t u64(std::string_view b, std::size_t at) {
    return static_cast<std::uint64_t>(u32(b, at)) | (static_cast<std::uint64_t>(u32(b, at + 4)) << 32);
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

bool CompoundFile::has_signature(std::string_view bytes) {
    return bytes.size() >= 8 && std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

std::uint32_t CompoundFile::fat_next(std::uint32_t sector) const {
    return sector < fat_.size() ? fat_[sector] : kEndOfChain;
}

Result<std::string> CompoundFile::read_chain(std::uint32_t start, std::uint64_t size, bool mini, std::uint64_t max_bytes) const {
    std::string out;
    const std::uint64_t want = std::min(size, max_bytes);
    const std::uint32_t unit = mini ? mini_sector_size_ : sector_size_;
    const std::vector<std::uint32_t>& table = mini ? mini_fat_ : fat_;
    std::string_view source = mini ? std::string_view(mini_stream_) : bytes_;
    // A chain can be no longer than the sectors that exist; a longer walk is a loop.
    const std::uint64_t max_steps = table.size() + 1;
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(want, source.size())));
    std::uint32_t sector = start;
    for (std::uint64_t steps = 0; out.size() < want; ++steps) {
        if (sector == kEndOfChain) break;
        if (steps >= max_steps || sector > kMaxRegularSector || sector >= table.size()) {
            return Status::error(Errc::invalid_input, "broken sector chain");
        }
        std::uint64_t offset = mini ? static_cast<std::uint64_t>(sector) * unit : (static_cast<std::uint64_t>(sector) + 1) * unit;
        if (offset >= source.size()) return Status::error(Errc::invalid_input, "sector beyond the end of the file");
        std::uint64_t take = std::min<std::uint64_t>({unit, want - out.size(), source.size() - offset});
        out.append(source.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(take)));
        sector = table[sector];
    }
    return out;
}

Result<CompoundFile> CompoundFile::open(std::string_view bytes) {
    if (!has_signature(bytes)) return Status::error(Errc::invalid_input, "not a compound file");
    if (bytes.size() < 512) return Status::error(Errc::invalid_input, "compound file header truncated");
    CompoundFile cf;
    cf.bytes_ = bytes;
    std::uint16_t major = u16(bytes, 0x1A);
    std::uint16_t shift = u16(bytes, 0x1E);
    std::uint16_t mini_shift = u16(bytes, 0x20);
    if (u16(bytes, 0x1C) != 0xFFFE) return Status::error(Errc::invalid_input, "compound file: bad byte order mark");
    if (!((major == 3 && shift == 9) || (major == 4 && shift == 12))) {
        return Status::error(Errc::invalid_input, fmt::format("compound file: unsupported version {} / sector shift {}", major, shift));
    }
    if (mini_shift != 6) return Status::error(Errc::invalid_input, "compound file: bad mini sector size");
    cf.sector_size_ = 1u << shift;
    cf.mini_sector_size_ = 1u << mini_shift;
    cf.mini_cutoff_ = u32(bytes, 0x38);
    cf.sector_count_ = (bytes.size() + cf.sector_size_ - 1) / cf.sector_size_;
    const std::uint32_t fat_sectors = u32(bytes, 0x2C);
    const std::uint32_t first_dir = u32(bytes, 0x30);
    const std::uint32_t first_mini_fat = u32(bytes, 0x3C);
    const std::uint32_t mini_fat_sectors = u32(bytes, 0x40);
    std::uint32_t difat_sector = u32(bytes, 0x44);
    const std::uint32_t difat_sectors = u32(bytes, 0x48);
    if (fat_sectors > cf.sector_count_ || difat_sectors > cf.sector_count_ || mini_fat_sectors > cf.sector_count_) {
        return Status::error(Errc::invalid_input, "compound file: sector counts larger than the file");
    }

    // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
    std::vector<std::uint32_t> fat_sector_ids;
    fat_sector_ids.reserve(fat_sectors);
    for (std::size_t i = 0; i < kHeaderDifatEntries && fat_sector_ids.size() < fat_sectors; ++i) {
        fat_sector_ids.push_back(u32(bytes, 0x4C + i * 4));
    }
    const std::size_t ids_per_difat = cf.sector_size_ / 4 - 1;
    for (std::uint32_t k = 0; k < difat_sectors && fat_sector_ids.size() < fat_sectors; ++k) {
        if (difat_sector > kMaxRegularSector) break;
        std::uint64_t offset = (static_cast<std::uint64_t>(difat_sector) + 1) * cf.sector_size_;
        if (offset + cf.sector_size_ > bytes.size()) return Status::error(Errc::invalid_input, "compound file: DIFAT beyond the end");
        for (std::size_t i = 0; i < ids_per_difat && fat_sector_ids.size() < fat_sectors; ++i) {
            fat_sector_ids.push_back(u32(bytes, static_cast<std::size_t>(offset + i * 4)));
        }
        difat_sector = u32(bytes, static_cast<std::size_t>(offset + ids_per_difat * 4));
    }
    const std::size_t per_sector = cf.sector_size_ / 4;
    cf.fat_.reserve(fat_sector_ids.size() * per_sector);
    for (std::uint32_t id : fat_sector_ids) {
        std::uint64_t offset = (static_cast<std::uint64_t>(id) + 1) * cf.sector_size_;
        if (id > kMaxRegularSector || offset + cf.sector_size_ > bytes.size()) {
            return Status::error(Errc::invalid_input, "compound file: FAT sector beyond the end");
        }
        for (std::size_t i = 0; i < per_sector; ++i) cf.fat_.push_back(u32(bytes, static_cast<std::size_t>(offset + i * 4)));
    }
    if (cf.fat_.empty()) return Status::error(Errc::invalid_input, "compound file: no FAT");

    // Directory: a regular chain of 128-byte entries.
    auto dir = cf.read_chain(first_dir, kMaxDirectoryEntries * kDirEntrySize, false, kMaxDirectoryEntries * kDirEntrySize);
    if (!dir) return Status::error(Errc::invalid_input, "compound file directory: " + dir.error_message());
    const std::string& d = *dir;
    for (std::size_t at = 0; at + kDirEntrySize <= d.size(); at += kDirEntrySize) {
        std::string_view raw(d.data() + at, kDirEntrySize);
        CfbEntry e;
        std::uint16_t name_bytes = u16(raw, 64);
        e.type = static_cast<unsigned char>(raw[66]);
        if (name_bytes > 64) name_bytes = 64;
        for (std::size_t k = 0; k + 1 < name_bytes; k += 2) {
            char16_t ch = u16(raw, k);
            if (ch == 0) break;
            append_utf8(e.name, ch);
        }
        e.left = u32(raw, 68);
        e.right = u32(raw, 72);
        e.child = u32(raw, 76);
        e.start_sector = u32(raw, 116);
        e.size = major == 3 ? u32(raw, 120) : u64(raw, 120);
        cf.entries_.push_back(std::move(e));
    }
    if (cf.entries_.empty() || cf.entries_[0].type != 5) return Status::error(Errc::invalid_input, "compound file: no root entry");

    // Mini stream and mini FAT, for streams under the cutoff.
    if (mini_fat_sectors > 0 && first_mini_fat <= kMaxRegularSector) {
        auto mini_fat = cf.read_chain(first_mini_fat, static_cast<std::uint64_t>(mini_fat_sectors) * cf.sector_size_, false,
                                      static_cast<std::uint64_t>(mini_fat_sectors) * cf.sector_size_);
        if (!mini_fat) return Status::error(Errc::invalid_input, "compound file mini FAT: " + mini_fat.error_message());
        for (std::size_t i = 0; i + 4 <= mini_fat->size(); i += 4) cf.mini_fat_.push_back(u32(*mini_fat, i));
        const CfbEntry& root = cf.entries_[0];
        auto mini_stream = cf.read_chain(root.start_sector, std::min<std::uint64_t>(root.size, kMaxMiniStream), false, kMaxMiniStream);
        if (!mini_stream) return Status::error(Errc::invalid_input, "compound file mini stream: " + mini_stream.error_message());
        cf.mini_stream_ = std::move(*mini_stream);
    }
    return cf;
}

std::vector<const CfbEntry*> CompoundFile::root_children() const {
    std::vector<const CfbEntry*> out;
    if (entries_.empty()) return out;
    // In-order walk of the red-black tree under the root, iterative and loop-proof.
    std::vector<bool> seen(entries_.size(), false);
    std::vector<std::uint32_t> stack;
    std::uint32_t node = entries_[0].child;
    while ((node != kNoStream && node < entries_.size() && !seen[node]) || !stack.empty()) {
        while (node != kNoStream && node < entries_.size() && !seen[node]) {
            seen[node] = true;
            stack.push_back(node);
            node = entries_[node].left;
        }
        if (stack.empty()) break;
        std::uint32_t current = stack.back();
        stack.pop_back();
        out.push_back(&entries_[current]);
        node = entries_[current].right;
    }
    return out;
}

const CfbEntry* CompoundFile::root_stream(std::string_view name) const {
    for (const CfbEntry* e : root_children()) {
        if (e->type == 2 && iequals(e->name, name)) return e;
    }
    return nullptr;
}

const CfbEntry* CompoundFile::root_storage(std::string_view name) const {
    for (const CfbEntry* e : root_children()) {
        if (e->type == 1 && iequals(e->name, name)) return e;
    }
    return nullptr;
}

bool CompoundFile::any_name_starts_with(std::string_view prefix) const {
    for (const CfbEntry& e : entries_) {
        if (e.name.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
}

Result<std::string> CompoundFile::read(const CfbEntry& stream, std::uint64_t max_bytes) const {
    if (stream.type != 2) return Status::error(Errc::invalid_input, "not a stream");
    bool mini = stream.size < mini_cutoff_;
    return read_chain(stream.start_sector, stream.size, mini, max_bytes);
}

}  // namespace chaperone::pii
