// Listening socket setup; see listen_socket.h.
#include "milter/listen_socket.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

namespace chaperone::milter {

Result<SocketSpec> parse_socket_spec(const std::string& spec) {
    SocketSpec out;
    auto colon = spec.find(':');
    if (colon == std::string::npos) {
        return Status::error(Errc::invalid_input, "[milter] socket \"" + spec + "\": expected unix:PATH or inet:PORT@HOST");
    }
    std::string proto = spec.substr(0, colon);
    std::string rest = spec.substr(colon + 1);
    if (proto == "unix" || proto == "local") {
        if (rest.empty() || rest.front() != '/')
            return Status::error(Errc::invalid_input, "[milter] socket \"" + spec + "\": expected an absolute path");
        out.family = SocketSpec::Family::unix_path;
        out.path = rest;
        out.libmilter_spec = "unix:" + rest;
        return out;
    }
    if (proto != "inet" && proto != "inet6")
        return Status::error(Errc::invalid_input, "[milter] socket \"" + spec + "\": unknown type \"" + proto + "\"");
    out.family = proto == "inet" ? SocketSpec::Family::inet : SocketSpec::Family::inet6;
    auto at = rest.find('@');
    std::string port = at == std::string::npos ? rest : rest.substr(0, at);
    out.host = at == std::string::npos ? "" : rest.substr(at + 1);
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
        std::string hint;
        if (auto last = rest.rfind(':'); last != std::string::npos)
            hint = " (libmilter writes inet:" + rest.substr(last + 1) + "@" + rest.substr(0, last) + ")";
        return Status::error(Errc::invalid_input, "[milter] socket \"" + spec + "\": expected inet:PORT@HOST" + hint);
    }
    out.port = value;
    out.libmilter_spec = spec;
    return out;
}

Status prepare_socket_directory(const SocketSpec& spec) {
    if (spec.family != SocketSpec::Family::unix_path) return Status::ok();
    std::filesystem::path dir = std::filesystem::path(spec.path).parent_path();
    std::error_code ec;
    if (std::filesystem::exists(dir, ec)) return Status::ok();
    if (::mkdir(dir.c_str(), 0750) != 0 && errno != EEXIST)
        return Status::error(Errc::io, "cannot create socket directory " + dir.string() + ": " + std::strerror(errno));
    return Status::ok();
}

static Status set_nodelay_on_listener(int port) {
    // libmilter keeps its listening descriptor to itself; find it among ours by port.
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir) return Status::error(Errc::io, "cannot list /proc/self/fd");
    bool done = false;
    while (dirent* entry = ::readdir(dir)) {
        int fd = std::atoi(entry->d_name);
        if (fd <= 2 || fd == ::dirfd(dir)) continue;
        int listening = 0;
        socklen_t len = sizeof listening;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
        sockaddr_storage address{};
        socklen_t alen = sizeof address;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &alen) != 0) continue;
        int bound = 0;
        if (address.ss_family == AF_INET) bound = ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
        if (address.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
        if (bound != port) continue;
        int one = 1;
        if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0) done = true;
    }
    ::closedir(dir);
    return done ? Status::ok() : Status::error(Errc::io, "listening socket not found for TCP_NODELAY");
}

Status finish_socket_setup(const SocketSpec& spec, const policies::MilterConfig& config) {
    if (spec.family != SocketSpec::Family::unix_path) return set_nodelay_on_listener(spec.port);
    uid_t uid = static_cast<uid_t>(-1);
    gid_t gid = static_cast<gid_t>(-1);
    if (!config.socket_owner.empty()) {
        passwd* pw = ::getpwnam(config.socket_owner.c_str());
        if (!pw) return Status::error(Errc::invalid_input, "[milter] socket_owner: no such user \"" + config.socket_owner + "\"");
        uid = pw->pw_uid;
    }
    if (!config.socket_group.empty()) {
        group* gr = ::getgrnam(config.socket_group.c_str());
        if (!gr) return Status::error(Errc::invalid_input, "[milter] socket_group: no such group \"" + config.socket_group + "\"");
        gid = gr->gr_gid;
    }
    if ((uid != static_cast<uid_t>(-1) || gid != static_cast<gid_t>(-1)) && ::chown(spec.path.c_str(), uid, gid) != 0)
        return Status::error(Errc::io, "cannot chown " + spec.path + ": " + std::strerror(errno));
    if (::chmod(spec.path.c_str(), config.socket_mode) != 0)
        return Status::error(Errc::io, "cannot chmod " + spec.path + ": " + std::strerror(errno));
    return Status::ok();
}

}  // namespace chaperone::milter
