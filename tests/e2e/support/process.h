// Child processes for end-to-end tests: start with arguments, wait with a deadline, stop by
// PID. Every process a test starts is owned by a Process object whose destructor stops it
// (SIGTERM, then SIGKILL after a grace period), so a failing test leaves nothing running.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chaperone::test {

struct RunResult {
    int exit_code = -1;  // -1 when killed by a signal or timed out
    bool timed_out = false;
    std::string output;  // stdout and stderr, interleaved
};

// Runs a command to completion (bounded by `timeout`), capturing its output.
RunResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::string& stdin_data = "");

class Process {
public:
    Process() = default;
    // Starts argv in the background; stdout+stderr go to `log_file` (or /dev/null).
    Process(const std::vector<std::string>& argv, const std::filesystem::path& log_file = {});
    ~Process();
    Process(Process&& other) noexcept;
    Process& operator=(Process&& other) noexcept;
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    // Sends `signal`; then waits up to `grace` for exit, SIGKILL after that.
    void stop(int signal = 15, std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
    void kill_now();  // SIGKILL, as a crash would
    std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
};

// Polls `ready` every 20 ms until it returns true or `timeout` passes.
template <typename Predicate>
bool wait_until(Predicate ready, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (ready()) return true;
        struct timespec ts {0, 20 * 1000 * 1000};
        nanosleep(&ts, nullptr);
    }
    return ready();
}

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests on loopback).
int free_port();
// True when something accepts TCP connections on 127.0.0.1:port.
bool port_open(int port);

}  // namespace chaperone::test
