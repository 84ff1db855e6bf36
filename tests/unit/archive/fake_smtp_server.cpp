// A misbehaving-on-request SMTP server for tests; see fake_smtp_server.h.
#include "fake_smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace chaperone::test {
namespace {

bool send_line(int fd, const std::string& line) {
    std::string out = line + "\r\n";
    return ::send(fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
}

// One line (without CRLF), or false when the peer went away / 10 s passed.
bool read_line(int fd, std::string& buffer, std::string& line) {
    for (int rounds = 0; rounds < 1000; ++rounds) {
        auto nl = buffer.find("\r\n");
        if (nl != std::string::npos) {
            line = buffer.substr(0, nl);
            buffer.erase(0, nl + 2);
            return true;
        }
        struct pollfd p {fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0) return false;
        char chunk[8192];
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return false;
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(SmtpBehaviour behaviour) : behaviour_(behaviour) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listen_fd_ >= 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listen_fd_, 16) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    acceptor_.join();
    ::close(listen_fd_);
    std::vector<std::thread> sessions;
    {
        std::lock_guard lock(mutex_);
        sessions.swap(sessions_);
    }
    for (auto& t : sessions) t.join();
}

std::vector<ReceivedMail> FakeSmtpServer::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

void FakeSmtpServer::serve() {
    while (!stopping_) {
        struct pollfd p {listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        ++connections_;
        std::lock_guard lock(mutex_);
        sessions_.emplace_back([this, fd] {
            session(fd);
            ::close(fd);
        });
    }
}

void FakeSmtpServer::session(int fd) {
    SmtpBehaviour b = behaviour_;
    if (b == SmtpBehaviour::silent) {
        // Hold the connection open until the client gives up.
        char c;
        struct pollfd p {fd, POLLIN, 0};
        while (!stopping_ && ::poll(&p, 1, 100) >= 0) {
            if ((p.revents & POLLIN) && ::recv(fd, &c, 1, 0) <= 0) return;
        }
        return;
    }
    if (b == SmtpBehaviour::multiline_greeting) {
        send_line(fd, "220-fake.example ESMTP");
        send_line(fd, "220-a second line");
    }
    send_line(fd, "220 fake.example ESMTP ready");
    std::string buffer, line;
    ReceivedMail mail;
    while (read_line(fd, buffer, line)) {
        std::string verb = line.substr(0, 4);
        for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (verb == "EHLO") {
            if (b == SmtpBehaviour::no_ehlo) {
                send_line(fd, "502 5.5.2 Error: command not recognized");
                continue;
            }
            mail.helo = line.substr(5);
            send_line(fd, "250-fake.example");
            send_line(fd, "250-PIPELINING");
            send_line(fd, "250-8BITMIME");
            send_line(fd, "250 SIZE 10240000");
        } else if (verb == "HELO") {
            mail.helo = line.substr(5);
            send_line(fd, "250 fake.example");
        } else if (verb == "MAIL") {
            mail.mail_from = line.substr(10);
            send_line(fd, "250 2.1.0 Ok");
        } else if (verb == "RCPT") {
            if (b == SmtpBehaviour::refuse_recipient) {
                send_line(fd, "550 5.1.1 <nobody>: Recipient address rejected");
                continue;
            }
            std::string arg = line.substr(8);
            mail.recipients.push_back(arg.substr(1, arg.size() - 2));
            send_line(fd, "250 2.1.5 Ok");
        } else if (verb == "DATA") {
            send_line(fd, "354 End data with <CR><LF>.<CR><LF>");
            std::string data;
            bool ended = false;
            while (read_line(fd, buffer, line)) {
                if (line == ".") {
                    ended = true;
                    break;
                }
                if (!line.empty() && line[0] == '.') line.erase(0, 1);
                data += line + "\r\n";
            }
            if (!ended) return;
            if (dot_delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(dot_delay_ms_.load()));
            if (b == SmtpBehaviour::drop_after_dot) return;
            if (b == SmtpBehaviour::fail_message) {
                send_line(fd, "554 5.7.1 Message refused");
                continue;
            }
            mail.data = std::move(data);
            std::size_t count = 0;
            {
                std::lock_guard lock(mutex_);
                messages_.push_back(mail);
                count = messages_.size();
            }
            mail.recipients.clear();
            send_line(fd, "250 2.0.0 Ok: queued as FAKE" + std::to_string(count));
        } else if (verb == "QUIT") {
            send_line(fd, "221 2.0.0 Bye");
            return;
        } else if (verb == "RSET") {
            mail.recipients.clear();
            send_line(fd, "250 2.0.0 Ok");
        } else {
            send_line(fd, "502 5.5.2 Error: command not recognized");
        }
    }
}

}  // namespace chaperone::test
