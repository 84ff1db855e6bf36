// Sealed blob files with atomic writes; see blob_store.h.
#include "archive/store/blob_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "archive/crypto/sealed_blob.h"
#include "archive/crypto/sodium_init.h"

namespace chaperone::archive {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kIdHexDigits = 32;
constexpr std::size_t kMaxBlobFiles = 50'000'000;  // a bound on the fsck walk, far above any school

Status errno_status(const std::string& what) {
    int err = errno;
    return Status::error(Errc::io, what + ": " + std::strerror(err));
}

Status fsync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno_status("opening directory " + dir.string());
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return errno_status("syncing directory " + dir.string());
    return Status::ok();
}

Status ensure_dir(const fs::path& dir) {
    if (::mkdir(dir.c_str(), 0700) == 0) return fsync_dir(dir.parent_path());
    if (errno == EEXIST) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Status::ok();
        return Status::error(Errc::io, "creating blob directory " + dir.string() + ": exists and is not a directory");
    }
    return errno_status("creating blob directory " + dir.string());
}

class FdGuard {
public:
    explicit FdGuard(int fd) : fd_(fd) {}
    ~FdGuard() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

Status write_all(int fd, std::string_view bytes, const fs::path& path) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno_status("writing " + path.string());
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return Status::ok();
}

}  // namespace

bool BlobStore::valid_id(const std::string& id) {
    if (id.size() != kIdHexDigits) return false;
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

fs::path BlobStore::path_of(const std::string& id) const { return root_ / id.substr(0, 2) / id; }

Result<BlobRef> BlobStore::write(std::string_view plaintext, const crypto::PublicKey& key) const {
    if (auto s = crypto::ensure_sodium(); !s) return s;
    BlobRef ref;
    ref.id = crypto::random_hex(kIdHexDigits / 2);
    fs::path dir = root_ / ref.id.substr(0, 2);
    if (auto s = ensure_dir(root_); !s) return s;
    if (auto s = ensure_dir(dir); !s) return s;
    fs::path tmp = dir / (".tmp-" + ref.id);
    fs::path final_path = dir / ref.id;

    FdGuard fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) return errno_status("creating blob " + tmp.string());

    crypto_generichash_state hash;
    crypto_generichash_init(&hash, nullptr, 0, 32);
    std::string buffer;
    auto flush = [&]() -> Status {
        Status s = write_all(fd.get(), buffer, tmp);
        buffer.clear();
        return s;
    };
    crypto::BlobSealer sealer(key, ref.id, [&](std::string_view bytes) -> Status {
        crypto_generichash_update(&hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        ref.sealed_size += bytes.size();
        buffer.append(bytes);
        return buffer.size() >= 256 * 1024 ? flush() : Status::ok();
    });
    Status s = sealer.update(plaintext);
    if (s) s = sealer.finish();
    if (s) s = flush();
    if (s && ::fsync(fd.get()) != 0) s = errno_status("syncing blob " + tmp.string());
    if (s && ::close(fd.release()) != 0) s = errno_status("closing blob " + tmp.string());
    if (s && ::rename(tmp.c_str(), final_path.c_str()) != 0) s = errno_status("renaming blob into place");
    if (s) s = fsync_dir(dir);
    if (!s) {
        ::unlink(tmp.c_str());
        ::unlink(final_path.c_str());
        return s.with_context("storing message");
    }
    unsigned char digest[32];
    crypto_generichash_final(&hash, digest, sizeof digest);
    ref.sealed_hash_hex = crypto::hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
    return ref;
}

static Result<std::string> read_whole(const fs::path& path) {
    FdGuard fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) {
        Errc code = errno == ENOENT ? Errc::not_found : Errc::io;
        return Status::error(code, "reading blob " + path.filename().string() + ": " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return errno_status("reading blob " + path.string());
    std::string data;
    data.reserve(static_cast<std::size_t>(st.st_size));
    char chunk[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno_status("reading blob " + path.string());
        }
        if (n == 0) break;
        data.append(chunk, static_cast<std::size_t>(n));
    }
    return data;
}

Result<std::string> BlobStore::read(const std::string& id, const crypto::PublicKey& public_key,
                                    const crypto::SecretBytes& secret_key) const {
    if (!valid_id(id)) return Status::error(Errc::invalid_input, "not a blob id");
    auto sealed = read_whole(path_of(id));
    if (!sealed) return sealed.status();
    return crypto::open_blob(*sealed, public_key, secret_key, id);
}

Result<BlobRef> BlobStore::fingerprint(const std::string& id) const {
    if (!valid_id(id)) return Status::error(Errc::invalid_input, "not a blob id");
    auto sealed = read_whole(path_of(id));
    if (!sealed) return sealed.status();
    BlobRef ref;
    ref.id = id;
    ref.sealed_size = sealed->size();
    ref.sealed_hash_hex = crypto::hex(crypto::blake2b256(*sealed));
    return ref;
}

Status BlobStore::remove(const std::string& id) const {
    if (!valid_id(id)) return Status::error(Errc::invalid_input, "not a blob id");
    fs::path path = path_of(id);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errno_status("removing blob " + path.string());
    return fsync_dir(path.parent_path());
}

Result<std::vector<BlobFile>> BlobStore::list() const {
    std::vector<BlobFile> out;
    std::error_code ec;
    if (!fs::exists(root_, ec)) return out;
    for (fs::recursive_directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (out.size() >= kMaxBlobFiles) return Status::error(Errc::limit, "more blob files than fsck walks");
        BlobFile f;
        f.path = it->path();
        std::string name = f.path.filename().string();
        f.temporary = name.rfind(".tmp-", 0) == 0;
        if (!f.temporary) f.id = name;
        auto mtime = fs::last_write_time(f.path, ec);
        f.modified = std::chrono::file_clock::to_sys(mtime);
        out.push_back(std::move(f));
    }
    if (ec) return Status::error(Errc::io, "listing " + root_.string() + ": " + ec.message());
    return out;
}

}  // namespace chaperone::archive
