// Implementation of the spilling body buffer; see body_buffer.h.
#include "milter/body_buffer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace chaperone::milter {

BodyBuffer::BodyBuffer(std::uint64_t spill_bytes, std::filesystem::path temp_dir)
    : spill_bytes_(spill_bytes), temp_dir_(std::move(temp_dir)) {}

BodyBuffer::~BodyBuffer() {
    if (fd_ >= 0) ::close(fd_);
}

BodyBuffer::BodyBuffer(BodyBuffer&& other) noexcept
    : spill_bytes_(other.spill_bytes_),
      temp_dir_(std::move(other.temp_dir_)),
      memory_(std::move(other.memory_)),
      fd_(other.fd_),
      size_(other.size_) {
    other.fd_ = -1;
    other.size_ = 0;
}

BodyBuffer& BodyBuffer::operator=(BodyBuffer&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        spill_bytes_ = other.spill_bytes_;
        temp_dir_ = std::move(other.temp_dir_);
        memory_ = std::move(other.memory_);
        fd_ = other.fd_;
        size_ = other.size_;
        other.fd_ = -1;
        other.size_ = 0;
    }
    return *this;
}

static Status write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Status::error(Errc::io, std::string("writing body spill file: ") + std::strerror(errno));
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return Status::ok();
}

Status BodyBuffer::spill() {
    int fd = ::open(temp_dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        std::string pattern = (temp_dir_ / "chaperone-body-XXXXXX").string();
        fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd >= 0) ::unlink(pattern.c_str());
    }
    if (fd < 0) {
        return Status::error(Errc::io, "cannot create body spill file in " + temp_dir_.string() + ": " +
                                           std::strerror(errno));
    }
    fd_ = fd;
    Status written = write_all(fd_, memory_.data(), memory_.size());
    std::string().swap(memory_);
    return written;
}

Status BodyBuffer::append(std::string_view chunk) {
    size_ += chunk.size();
    if (fd_ < 0 && size_ > spill_bytes_) {
        if (Status s = spill(); !s) return s;
    }
    if (fd_ >= 0) return write_all(fd_, chunk.data(), chunk.size());
    memory_.append(chunk);
    return Status::ok();
}

Result<std::string> BodyBuffer::read_all() const {
    if (fd_ < 0) return memory_;
    std::string out(size_, '\0');
    std::uint64_t done = 0;
    while (done < size_) {
        ssize_t n = ::pread(fd_, out.data() + done, size_ - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Status::error(Errc::io, "reading body spill file failed");
        done += static_cast<std::uint64_t>(n);
    }
    return out;
}

}  // namespace chaperone::milter
