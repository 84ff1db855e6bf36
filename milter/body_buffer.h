// The message body as the MTA streams it to us, in RAM up to a limit, then in a private
// temp file, so a 30 MB attachment costs 30 MB of disk, not of RAM per SMTP session.
//
// The spill file is created with O_TMPFILE (no name, mode 0600, gone when closed) in the
// configured temp_dir; where O_TMPFILE is unsupported, mkstemp + unlink does the same.
// Thread-safety: one buffer per message; not shared.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "pii/base/result.h"

namespace chaperone::milter {

class BodyBuffer {
public:
    BodyBuffer(std::uint64_t spill_bytes, std::filesystem::path temp_dir);
    ~BodyBuffer();
    BodyBuffer(const BodyBuffer&) = delete;
    BodyBuffer& operator=(const BodyBuffer&) = delete;
    BodyBuffer(BodyBuffer&& other) noexcept;
    BodyBuffer& operator=(BodyBuffer&& other) noexcept;

    Status append(std::string_view chunk);
    std::uint64_t size() const { return size_; }
    bool spilled() const { return fd_ >= 0; }

    // In RAM: the bytes. Spilled: empty (use spill_fd()).
    const std::string& memory() const { return memory_; }
    // The spill file, positioned nowhere in particular; readers use pread or dup + lseek.
    int spill_fd() const { return fd_; }

    // Reads the whole body into a string (tests, and small spilled bodies).
    Result<std::string> read_all() const;

private:
    Status spill();

    std::uint64_t spill_bytes_;
    std::filesystem::path temp_dir_;
    std::string memory_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

}  // namespace chaperone::milter
