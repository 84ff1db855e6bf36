// chaperone-milter as a child process of an end-to-end test, with its own config file,
// store directory and socket, logging to a file; stopped by PID when the object goes.
#pragma once

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>

#include "process.h"

namespace chaperone::test {

class MilterProcess {
public:
    // Writes <dir>/chaperone.toml from `config_body` (the socket line is added here) and
    // starts the daemon. `inet` chooses a TCP socket on 127.0.0.1 instead of a unix socket.
    MilterProcess(std::filesystem::path dir, const std::string& config_body, bool inet = false);
    ~MilterProcess() { stop(); }

    // "" when listening, else the reason and the log.
    std::string wait_ready();
    void stop() { process_.stop(); }
    // SIGTERM and time for a clean stop: libmilter notices it within its 5 s poll.
    void stop_cleanly() { process_.stop(SIGTERM, std::chrono::seconds(12)); }
    void kill_now() { process_.kill_now(); }
    pid_t pid() const { return process_.pid(); }

    // The value for Postfix's smtpd_milters.
    std::string postfix_spec() const;
    const std::filesystem::path& config_file() const { return config_file_; }
    std::string log_text() const;

private:
    std::filesystem::path dir_;
    std::filesystem::path config_file_;
    std::filesystem::path socket_;
    int port_ = 0;
    Process process_;
};

// The build's programs (build/bin/...).
std::filesystem::path binary(const std::string& name);

// Sends a message file with swaks through 127.0.0.1:port. Returns swaks' output; `ok` tells
// whether the server accepted it (2xx after DATA).
struct SendResult {
    bool accepted = false;
    std::string output;
};
SendResult send_with_swaks(int port, const std::string& from, const std::string& to_csv,
                           const std::filesystem::path& message_file);

}  // namespace chaperone::test
