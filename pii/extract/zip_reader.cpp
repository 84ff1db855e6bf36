// ZipReader implementation over libzip; see zip_reader.h.
#include "pii/extract/zip_reader.h"

#include <zip.h>

#include <fmt/format.h>

namespace chaperone::pii {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

constexpr std::size_t kReadChunk = 256 * 1024;

}  // namespace

Protection ZipEntry::protection() const {
    switch (encryption) {
        case ZIP_EM_NONE: return Protection::none;
        case ZIP_EM_TRAD_PKWARE: return Protection::encrypted_zipcrypto;
        case ZIP_EM_AES_128:
        case ZIP_EM_AES_192:
        case ZIP_EM_AES_256: return Protection::encrypted_aes;
        default: return Protection::unreadable;
    }
}

std::string ZipEntry::encryption_name() const {
    switch (encryption) {
        case ZIP_EM_NONE: return "none";
        case ZIP_EM_TRAD_PKWARE: return "ZipCrypto";
        case ZIP_EM_AES_128: return "AES-128";
        case ZIP_EM_AES_192: return "AES-192";
        case ZIP_EM_AES_256: return "AES-256";
        default: return fmt::format("method 0x{:04x}", encryption);
    }
}

Result<ZipReader> ZipReader::open(std::string_view bytes, int max_entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        return Status::error(Errc::internal, "zip source: " + message);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(source);
        return Status::error(Errc::invalid_input, "corrupt zip: " + message);
    }
    zip_error_fini(&error);
    ZipReader reader(archive);
    zip_int64_t count = zip_get_num_entries(archive, 0);
    reader.declared_entries_ = count < 0 ? 0 : static_cast<std::uint64_t>(count);
    std::uint64_t listed = std::min<std::uint64_t>(reader.declared_entries_, max_entries < 0 ? 0 : static_cast<std::uint64_t>(max_entries));
    reader.entries_.reserve(static_cast<std::size_t>(listed));
    std::uint64_t compressed_total = 0;
    for (std::uint64_t i = 0; i < listed; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive, i, 0, &st) != 0) continue;
        ZipEntry e;
        e.index = i;
        e.name = (st.valid & ZIP_STAT_NAME) && st.name ? st.name : fmt::format("entry-{}", i + 1);
        e.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
        e.comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        e.method = (st.valid & ZIP_STAT_COMP_METHOD) ? st.comp_method : 0;
        e.encryption = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) ? st.encryption_method : 0;
        e.is_directory = !e.name.empty() && e.name.back() == '/';
        compressed_total += e.comp_size;
        reader.by_lower_name_.emplace(lower_ascii(e.name), reader.entries_.size());
        reader.entries_.push_back(std::move(e));
    }
    // Each entry's data is its own run of bytes in a well-formed archive.
    reader.overlapping_ = compressed_total > bytes.size();
    return reader;
}

ZipReader::ZipReader(ZipReader&& other) noexcept
    : archive_(other.archive_),
      entries_(std::move(other.entries_)),
      by_lower_name_(std::move(other.by_lower_name_)),
      declared_entries_(other.declared_entries_),
      overlapping_(other.overlapping_) {
    other.archive_ = nullptr;
}

ZipReader::~ZipReader() {
    if (archive_) zip_discard(archive_);  // also frees the buffer source (not the bytes)
}

const ZipEntry* ZipReader::find(std::string_view name) const {
    auto it = by_lower_name_.find(lower_ascii(name));
    if (it == by_lower_name_.end()) return nullptr;
    return &entries_[it->second];
}

EntryRead ZipReader::read(const ZipEntry& entry, ExtractState& state) const {
    EntryRead result;
    const ExtractionLimits& limits = state.limits();
    if (entry.encrypted()) {
        result.error = "entry is encrypted (" + entry.encryption_name() + ")";
        return result;
    }
    const std::uint64_t inflate_room = state.inflate_remaining();
    const bool attachment_bound = limits.max_attachment_bytes <= inflate_room;
    const std::uint64_t cap = attachment_bound ? limits.max_attachment_bytes : inflate_room;
    const char* cap_key = attachment_bound ? "max_attachment_bytes" : "max_extracted_bytes";
    auto over_ratio = [&](std::uint64_t size) {
        if (size <= kRatioCheckFloor) return false;
        return static_cast<double>(size) > static_cast<double>(std::max<std::uint64_t>(entry.comp_size, 1)) * limits.max_compression_ratio;
    };
    auto ratio_text = [&](std::uint64_t size) {
        return fmt::format("{:.0f}:1", static_cast<double>(size) / static_cast<double>(std::max<std::uint64_t>(entry.comp_size, 1)));
    };
    if (entry.size > cap) {
        result.limit = cap_key;
        result.error = attachment_bound
                           ? fmt::format("entry declares {} bytes, over {}", entry.size, limits.max_attachment_bytes)
                           : fmt::format("entry declares {} bytes, more than the message may still inflate", entry.size);
        return result;
    }
    if (over_ratio(entry.size)) {
        result.limit = "max_compression_ratio";
        result.error = fmt::format("compression ratio {} declared, over {:.0f}:1", ratio_text(entry.size), limits.max_compression_ratio);
        return result;
    }

    zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
    if (!file) {
        result.error = std::string("cannot open entry: ") + zip_strerror(archive_);
        return result;
    }
    std::string& out = result.bytes;
    // Room for the declared size plus one chunk, so the read that finds the end never
    // reallocates (and copies) a large entry.
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(entry.size, cap)) + kReadChunk);
    std::uint64_t produced = 0;
    while (true) {
        std::size_t old = out.size();
        out.resize(old + kReadChunk);
        zip_int64_t n = zip_fread(file, out.data() + old, kReadChunk);
        if (n < 0) {
            out.resize(old);
            result.error = std::string("corrupt entry: ") + zip_error_strerror(zip_file_get_error(file));
            break;
        }
        out.resize(old + static_cast<std::size_t>(n));
        produced += static_cast<std::uint64_t>(n);
        if (n == 0) break;
        if (produced > cap) {
            result.limit = cap_key;
            result.error = fmt::format("entry inflates past {} bytes", cap);
            break;
        }
        if (over_ratio(produced)) {
            result.limit = "max_compression_ratio";
            result.error = fmt::format("compression ratio passed {:.0f}:1 while inflating", limits.max_compression_ratio);
            break;
        }
        if (produced > entry.size) {
            result.error = fmt::format("entry inflates past its declared size of {} bytes", entry.size);
            break;
        }
    }
    zip_fclose(file);
    state.charge_inflated(produced);
    if (!result.ok()) std::string().swap(out);
    return result;
}

}  // namespace chaperone::pii
