// Child process helpers for end-to-end tests; see process.h.
#include "process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace chaperone::test {
namespace {

std::vector<char*> to_argv(const std::vector<std::string>& args) {
    std::vector<char*> out;
    for (const auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

}  // namespace

RunResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::string& stdin_data) {
    RunResult result;
    int out_pipe[2], in_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(in_pipe, O_CLOEXEC) != 0) return result;
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(out_pipe[1], 2);
        ::setpgid(0, 0);
        auto args = to_argv(argv);
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(in_pipe[0]);
    if (!stdin_data.empty()) {
        std::size_t done = 0;
        while (done < stdin_data.size()) {
            ssize_t n = ::write(in_pipe[1], stdin_data.data() + done, stdin_data.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
    }
    ::close(in_pipe[1]);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[8192];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);
            break;
        }
        pollfd p{out_pipe[0], POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 200)));
        if (r > 0) {
            ssize_t n = ::read(out_pipe[0], buffer, sizeof buffer);
            if (n <= 0) break;
            result.output.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(out_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    return result;
}

Process::Process(const std::vector<std::string>& argv, const std::filesystem::path& log_file) {
    pid_ = ::fork();
    if (pid_ == 0) {
        int fd = ::open(log_file.empty() ? "/dev/null" : log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0) ::dup2(null, 0);
        auto args = to_argv(argv);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
}

Process::~Process() {
    if (pid_ > 0) stop();
}

Process::Process(Process&& other) noexcept : pid_(other.pid_), status_(other.status_) { other.pid_ = -1; }

Process& Process::operator=(Process&& other) noexcept {
    if (this != &other) {
        if (pid_ > 0) stop();
        pid_ = other.pid_;
        status_ = other.status_;
        other.pid_ = -1;
    }
    return *this;
}

bool Process::running() {
    if (pid_ <= 0 || status_) return false;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = status;
        return false;
    }
    return r == 0;
}

std::optional<int> Process::wait_for_exit(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return status_;
    wait_until([&] { return !running(); }, timeout);
    if (status_ && WIFEXITED(*status_)) return WEXITSTATUS(*status_);
    if (status_) return -1;
    return std::nullopt;
}

void Process::stop(int signal, std::chrono::milliseconds grace) {
    if (pid_ <= 0) return;
    if (running()) {
        ::kill(pid_, signal);
        if (!wait_until([&] { return !running(); }, grace)) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            status_ = status;
        }
    }
    pid_ = -1;
}

void Process::kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    wait_until([&] { return !running(); }, std::chrono::milliseconds(3000));
}

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t len = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &len);
    int port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool port_open(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

}  // namespace chaperone::test
