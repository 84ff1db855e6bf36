// Key generation and loading with file-mode checks; see key_files.h.
#include "archive/crypto/key_files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "archive/crypto/sodium_init.h"

namespace chaperone::archive::crypto {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxKeyFileBytes = 4096;  // a key file is one line of hex

std::string user_name(uid_t uid) {
    struct passwd* pw = getpwuid(uid);
    return pw ? pw->pw_name : std::to_string(uid);
}

Result<std::string> read_small_file(const fs::path& path, const char* what, struct stat* st_out) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        int err = errno;
        Errc code = err == ENOENT ? Errc::not_found : (err == EACCES ? Errc::permission : Errc::io);
        std::string hint = err == ENOENT ? " (run 'chaperone keys init')" : "";
        return Status::error(code, fmt::format("{} {}: {}{}", what, path.string(), std::strerror(err), hint));
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return Status::error(Errc::invalid_input, fmt::format("{} {}: not a regular file", what, path.string()));
    }
    if (st_out) *st_out = st;
    std::string data(kMaxKeyFileBytes, '\0');
    ssize_t n = ::read(fd, data.data(), data.size());
    ::close(fd);
    if (n < 0) return Status::error(Errc::io, fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
    data.resize(static_cast<std::size_t>(n));
    return data;
}

Status write_new_file(const fs::path& path, const std::string& contents, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return Status::error(Errc::io, fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
    bool ok = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size());
    ok = ok && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    int err = errno;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        return Status::error(Errc::io, fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
    return Status::ok();
}

std::string hex_of(const unsigned char* bytes, std::size_t n) {
    return hex(std::string_view(reinterpret_cast<const char*>(bytes), n));
}

}  // namespace

SecretBytes::SecretBytes() {
    (void)ensure_sodium();
    data_ = static_cast<unsigned char*>(sodium_malloc(kKeyBytes));
    if (!data_) std::abort();  // out of locked memory: our environment is broken, not the input
    sodium_memzero(data_, kKeyBytes);
}

SecretBytes::~SecretBytes() { sodium_free(data_); }

KeyPaths key_paths(const policies::StorageConfig& storage) {
    KeyPaths p;
    p.public_key = storage.public_key_file.empty() ? storage.dir / "keys" / "archive.pub" : storage.public_key_file;
    p.secret_key = storage.secret_key_file.empty() ? storage.dir / "keys" / "archive.key" : storage.secret_key_file;
    p.chain_key = p.public_key.parent_path() / "chain.key";
    return p;
}

Status generate_key_files(const KeyPaths& paths) {
    if (auto s = ensure_sodium(); !s) return s;
    for (const auto& p : {paths.public_key, paths.secret_key, paths.chain_key}) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(p, ec))) {
            return Status::error(Errc::conflict, "refusing to overwrite existing key file " + p.string());
        }
    }
    for (const auto& p : {paths.public_key, paths.secret_key, paths.chain_key}) {
        fs::path dir = p.parent_path();
        std::error_code ec;
        if (!dir.empty() && !fs::exists(dir, ec)) {
            fs::create_directories(dir, ec);
            if (ec) return Status::error(Errc::io, "cannot create " + dir.string() + ": " + ec.message());
            ::chmod(dir.c_str(), 0700);
        }
    }
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    SecretBytes sk;
    SecretBytes chain;
    crypto_box_keypair(pk, sk.data());
    crypto_generichash_keygen(chain.data());
    static_assert(crypto_box_PUBLICKEYBYTES == kKeyBytes && crypto_box_SECRETKEYBYTES == kKeyBytes &&
                  crypto_generichash_KEYBYTES == kKeyBytes);

    std::string sk_hex = hex_of(sk.data(), kKeyBytes) + "\n";
    std::string chain_hex = hex_of(chain.data(), kKeyBytes) + "\n";
    Status s = write_new_file(paths.secret_key, sk_hex, 0600);
    if (s) s = write_new_file(paths.chain_key, chain_hex, 0600);
    if (s) s = write_new_file(paths.public_key, hex_of(pk, kKeyBytes) + "\n", 0644);
    sodium_memzero(sk_hex.data(), sk_hex.size());
    sodium_memzero(chain_hex.data(), chain_hex.size());
    if (!s) {
        // Leave nothing half-made: a later `keys init` must be able to run again.
        for (const auto& p : {paths.public_key, paths.secret_key, paths.chain_key}) ::unlink(p.c_str());
        return s;
    }
    return Status::ok();
}

Result<PublicKey> load_public_key(const fs::path& path) {
    auto text = read_small_file(path, "archive public key", nullptr);
    if (!text) return text.status();
    std::string raw = unhex(*text, kKeyBytes);
    if (raw.empty()) return Status::error(Errc::invalid_input, "archive public key " + path.string() + ": not 64 hex digits");
    PublicKey key;
    std::memcpy(key.bytes.data(), raw.data(), kKeyBytes);
    return key;
}

static Result<std::shared_ptr<SecretBytes>> parse_secret(std::string& text, const fs::path& path, const char* what) {
    std::string raw = unhex(text, kKeyBytes);
    sodium_memzero(text.data(), text.size());
    if (raw.empty()) return Status::error(Errc::invalid_input, fmt::format("{} {}: not 64 hex digits", what, path.string()));
    auto key = std::make_shared<SecretBytes>();
    std::memcpy(key->data(), raw.data(), kKeyBytes);
    sodium_memzero(raw.data(), raw.size());
    return key;
}

Result<SecretKey> load_secret_key(const fs::path& path) {
    struct stat st {};
    auto text = read_small_file(path, "archive secret key", &st);
    if (!text) return text.status();
    mode_t mode = st.st_mode & 07777;
    if (mode != 0600) {
        sodium_memzero(text->data(), text->size());
        return Status::error(Errc::permission, fmt::format("archive secret key {}: mode {:04o}, must be 0600 (chmod 600 {})",
                                                           path.string(), mode, path.string()));
    }
    if (st.st_uid != geteuid()) {
        sodium_memzero(text->data(), text->size());
        return Status::error(Errc::permission,
                             fmt::format("archive secret key {}: owned by {}, must be owned by the running user {}",
                                         path.string(), user_name(st.st_uid), user_name(geteuid())));
    }
    auto key = parse_secret(*text, path, "archive secret key");
    if (!key) return key.status();
    return SecretKey(std::move(key).value());
}

Result<ChainKey> load_chain_key(const fs::path& path) {
    struct stat st {};
    auto text = read_small_file(path, "chain key", &st);
    if (!text) return text.status();
    if ((st.st_mode & 0077) != 0) {
        sodium_memzero(text->data(), text->size());
        return Status::error(Errc::permission, fmt::format("chain key {}: mode {:04o} lets others read it, must be 0600 or 0400",
                                                           path.string(), st.st_mode & 07777));
    }
    auto key = parse_secret(*text, path, "chain key");
    if (!key) return key.status();
    return ChainKey(std::move(key).value());
}

}  // namespace chaperone::archive::crypto
