// An SMTP server for tests, in a thread on 127.0.0.1: speaks just enough SMTP for the
// client, records every message it accepts, and can misbehave on request (refuse a
// recipient, fail the message, hang, or drop the connection right after the final dot).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace chaperone::test {

struct ReceivedMail {
    std::string helo;
    std::string mail_from;  // the MAIL FROM line's argument, e.g. "<a@b.example> BODY=8BITMIME"
    std::vector<std::string> recipients;
    std::string data;       // un-dot-stuffed, CRLF as received, without the final dot line
};

enum class SmtpBehaviour {
    accept,             // 250 to everything
    refuse_recipient,   // 550 to every RCPT
    fail_message,       // 554 after the final dot
    drop_after_dot,     // close without answering the final dot
    silent,             // accept the connection, never say anything
    multiline_greeting, // 220- lines before 220
    no_ehlo,            // 502 to EHLO (HELO works)
};

class FakeSmtpServer {
public:
    explicit FakeSmtpServer(SmtpBehaviour behaviour = SmtpBehaviour::accept);
    ~FakeSmtpServer();
    FakeSmtpServer(const FakeSmtpServer&) = delete;
    FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

    int port() const { return port_; }
    std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
    void set_behaviour(SmtpBehaviour b) { behaviour_ = b; }
    // Time to wait before answering the final dot (to widen a race window in tests).
    void set_dot_delay(std::chrono::milliseconds d) { dot_delay_ms_ = static_cast<int>(d.count()); }

    std::vector<ReceivedMail> messages() const;
    std::size_t connections() const { return connections_; }

private:
    void serve();
    void session(int fd);

    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<SmtpBehaviour> behaviour_;
    std::atomic<int> dot_delay_ms_{0};
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    mutable std::mutex mutex_;  // guards messages_ and sessions_
    std::vector<ReceivedMail> messages_;
    std::vector<std::thread> sessions_;
    std::thread acceptor_;
};

}  // namespace chaperone::test
