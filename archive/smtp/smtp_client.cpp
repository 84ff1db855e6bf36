// SMTP client; see smtp_client.h.
#include "archive/smtp/smtp_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace chaperone::archive::smtp {
namespace {

using Clock = std::chrono::steady_clock;

class Connection {
public:
    explicit Connection(std::chrono::milliseconds timeout) : timeout_(timeout) {}
    ~Connection() {
        if (fd_ >= 0) ::close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Status connect(const SmtpEndpoint& endpoint);
    Status write_all(std::string_view bytes);
    // One reply: code and text of all its lines.
    Status read_reply(int& code, std::string& text);

private:
    Status wait(short events, Clock::time_point deadline, const char* what);
    Status read_line(std::string& line, Clock::time_point deadline);

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

Status Connection::wait(short events, Clock::time_point deadline, const char* what) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return Status::error(Errc::io, fmt::format("timed out {}", what));
        struct pollfd p {fd_, events, 0};
        int rc = ::poll(&p, 1, static_cast<int>(left));
        if (rc < 0 && errno == EINTR) continue;
        if (rc < 0) return Status::error(Errc::io, fmt::format("{}: {}", what, std::strerror(errno)));
        if (rc == 0) return Status::error(Errc::io, fmt::format("timed out {}", what));
        return Status::ok();
    }
}

Status Connection::connect(const SmtpEndpoint& endpoint) {
    struct addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    struct addrinfo* found = nullptr;
    std::string port = std::to_string(endpoint.port);
    int rc = ::getaddrinfo(endpoint.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0) return Status::error(Errc::io, fmt::format("cannot resolve {}: {}", endpoint.host, gai_strerror(rc)));
    std::string last_error = "no address";
    for (struct addrinfo* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            last_error = std::strerror(errno);
            continue;
        }
        fd_ = fd;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        if (errno == EINPROGRESS) {
            Status s = wait(POLLOUT, Clock::now() + timeout_, "connecting");
            int err = 0;
            socklen_t len = sizeof err;
            if (s && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) break;
            last_error = s ? std::strerror(err) : s.message();
        } else {
            last_error = std::strerror(errno);
        }
        ::close(fd);
        fd_ = -1;
    }
    ::freeaddrinfo(found);
    if (fd_ < 0) {
        return Status::error(Errc::io, fmt::format("cannot connect to {}:{}: {}", endpoint.host, endpoint.port, last_error));
    }
    return Status::ok();
}

Status Connection::write_all(std::string_view bytes) {
    auto deadline = Clock::now() + timeout_;
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            // Progress extends the deadline: a large message on a slow link is not a hang.
            deadline = Clock::now() + timeout_;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (Status s = wait(POLLOUT, deadline, "writing to the relay"); !s) return s;
            continue;
        }
        return Status::error(Errc::io, fmt::format("writing to the relay: {}", std::strerror(errno)));
    }
    return Status::ok();
}

Status Connection::read_line(std::string& line, Clock::time_point deadline) {
    for (;;) {
        auto nl = buffer_.find('\n');
        if (nl != std::string::npos) {
            line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            return Status::ok();
        }
        if (buffer_.size() > kMaxReplyLineBytes) {
            return Status::error(Errc::limit, fmt::format("the relay sent a reply line over {} bytes", kMaxReplyLineBytes));
        }
        if (Status s = wait(POLLIN, deadline, "waiting for the relay's reply"); !s) return s;
        char chunk[4096];
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (n < 0) return Status::error(Errc::io, fmt::format("reading from the relay: {}", std::strerror(errno)));
        if (n == 0) return Status::error(Errc::io, "the relay closed the connection");
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

Status Connection::read_reply(int& code, std::string& text) {
    auto deadline = Clock::now() + timeout_;
    text.clear();
    code = 0;
    for (std::size_t lines = 0; lines < kMaxReplyLines; ++lines) {
        std::string line;
        if (Status s = read_line(line, deadline); !s) return s;
        bool well_formed = line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0])) &&
                           std::isdigit(static_cast<unsigned char>(line[1])) &&
                           std::isdigit(static_cast<unsigned char>(line[2])) &&
                           (line.size() == 3 || line[3] == ' ' || line[3] == '-');
        if (!well_formed) return Status::error(Errc::io, "the relay sent a malformed reply");
        int this_code = std::stoi(line.substr(0, 3));
        if (code != 0 && this_code != code) return Status::error(Errc::io, "the relay changed the code within one reply");
        code = this_code;
        if (text.size() < 1024) {
            if (!text.empty()) text += " / ";
            text += line;
        }
        if (line.size() == 3 || line[3] == ' ') return Status::ok();
    }
    return Status::error(Errc::limit, fmt::format("the relay sent a reply of more than {} lines", kMaxReplyLines));
}

bool has_8bit(std::string_view data) {
    for (unsigned char c : data)
        if (c >= 0x80) return true;
    return false;
}

bool offers(const std::string& ehlo_reply, std::string_view keyword) {
    // Lines look like "250-8BITMIME" / "250 SIZE 10240000", joined by " / ".
    std::size_t pos = 0;
    while ((pos = ehlo_reply.find(keyword, pos)) != std::string::npos) {
        bool start_ok = pos >= 4 && (ehlo_reply[pos - 1] == '-' || ehlo_reply[pos - 1] == ' ');
        std::size_t end = pos + keyword.size();
        bool end_ok = end == ehlo_reply.size() || ehlo_reply[end] == ' ' || ehlo_reply[end] == '/';
        if (start_ok && end_ok) return true;
        pos = end;
    }
    return false;
}

}  // namespace

std::string_view smtp_stage_name(SmtpStage stage) {
    switch (stage) {
        case SmtpStage::connect: return "connect";
        case SmtpStage::greeting: return "greeting";
        case SmtpStage::hello: return "EHLO";
        case SmtpStage::mail: return "MAIL FROM";
        case SmtpStage::rcpt: return "RCPT TO";
        case SmtpStage::data: return "DATA";
        case SmtpStage::body: return "message body";
        case SmtpStage::done: return "done";
    }
    return "connect";
}

Result<SmtpEndpoint> parse_smtp_endpoint(std::string_view text) {
    SmtpEndpoint e;
    std::string s(text);
    std::string port;
    if (!s.empty() && s.front() == '[') {
        auto close = s.find(']');
        if (close == std::string::npos) return Status::error(Errc::invalid_input, "relay \"" + s + "\": missing ']'");
        e.host = s.substr(1, close - 1);
        if (close + 1 < s.size()) {
            if (s[close + 1] != ':') return Status::error(Errc::invalid_input, "relay \"" + s + "\": expected :PORT after ]");
            port = s.substr(close + 2);
        }
    } else {
        auto colon = s.rfind(':');
        if (colon != std::string::npos && s.find(':') == colon) {
            e.host = s.substr(0, colon);
            port = s.substr(colon + 1);
        } else {
            e.host = s;
        }
    }
    if (e.host.empty()) return Status::error(Errc::invalid_input, "relay \"" + s + "\": no host");
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
            return Status::error(Errc::invalid_input, "relay \"" + s + "\": port is not a number");
        e.port = std::stoi(port);
        if (e.port < 1 || e.port > 65535) return Status::error(Errc::invalid_input, "relay \"" + s + "\": port out of range");
    }
    return e;
}

std::string dot_stuffed(std::string_view message) {
    std::string out;
    out.reserve(message.size() + message.size() / 40 + 8);
    bool line_start = true;
    for (std::size_t i = 0; i < message.size(); ++i) {
        char c = message[i];
        if (line_start && c == '.') out += '.';
        if (c == '\r' && i + 1 < message.size() && message[i + 1] == '\n') {
            out += "\r\n";
            ++i;
            line_start = true;
        } else if (c == '\n') {
            out += "\r\n";
            line_start = true;
        } else {
            out += c;
            line_start = false;
        }
    }
    if (!line_start) out += "\r\n";
    out += ".\r\n";
    return out;
}

SmtpOutcome smtp_send(const SmtpEndpoint& endpoint, const SmtpEnvelope& envelope, const SmtpOptions& options) {
    SmtpOutcome out;
    auto fail = [&](SmtpStage stage, std::string error) {
        out.stage = stage;
        out.error = fmt::format("{}: {}", smtp_stage_name(stage), error);
        return out;
    };
    if (envelope.recipients.empty()) return fail(SmtpStage::rcpt, "no recipients");
    if (envelope.recipients.size() > kMaxRecipients) return fail(SmtpStage::rcpt, "too many recipients");
    for (const auto& a : envelope.recipients) {
        if (a.find_first_of("\r\n<>") != std::string::npos) return fail(SmtpStage::rcpt, "malformed recipient address");
    }
    if (envelope.mail_from.find_first_of("\r\n<>") != std::string::npos)
        return fail(SmtpStage::mail, "malformed sender address");

    Connection conn(options.timeout);
    if (Status s = conn.connect(endpoint); !s) return fail(SmtpStage::connect, s.message());

    // Each command: write it, read the reply, check the class.
    auto command = [&](SmtpStage stage, const std::string& line, int expect_class) -> bool {
        out.stage = stage;
        if (!line.empty()) {
            if (Status s = conn.write_all(line + "\r\n"); !s) {
                fail(stage, s.message());
                return false;
            }
        }
        if (Status s = conn.read_reply(out.code, out.reply); !s) {
            fail(stage, s.message());
            return false;
        }
        if (out.code / 100 != expect_class) {
            fail(stage, "the relay answered " + out.reply);
            return false;
        }
        return true;
    };
    auto quit = [&] { (void)conn.write_all("QUIT\r\n"); };

    if (!command(SmtpStage::greeting, "", 2)) return out;
    bool ehlo = command(SmtpStage::hello, "EHLO " + options.helo, 2);
    std::string ehlo_reply = out.reply;
    if (!ehlo) {
        if (out.code / 100 != 5) return out;  // a broken connection, not a server without ESMTP
        if (!command(SmtpStage::hello, "HELO " + options.helo, 2)) return out;
        ehlo_reply.clear();
    }
    std::string mail = "MAIL FROM:<" + envelope.mail_from + ">";
    if (has_8bit(envelope.data) && offers(ehlo_reply, "8BITMIME")) mail += " BODY=8BITMIME";
    if (!command(SmtpStage::mail, mail, 2)) return quit(), out;
    for (const auto& r : envelope.recipients) {
        if (!command(SmtpStage::rcpt, "RCPT TO:<" + r + ">", 2)) return quit(), out;
    }
    if (!command(SmtpStage::data, "DATA", 3)) return quit(), out;
    out.stage = SmtpStage::body;
    if (Status s = conn.write_all(dot_stuffed(envelope.data)); !s) {
        // Some of it may be written, but never the final dot with nothing after it: the
        // server cannot have taken a message whose end it did not see.
        return fail(SmtpStage::body, s.message());
    }
    out.final_dot_sent = true;
    if (!command(SmtpStage::body, "", 2)) return out;
    out.delivered = true;
    out.stage = SmtpStage::done;
    out.error.clear();
    quit();
    return out;
}

}  // namespace chaperone::archive::smtp
