// Shared set-up for the web console's HTTP tests (header-only): a scratch archive with the
// fixture roster, three accounts (office, dpo, admin), the console served on 127.0.0.1 on
// a free port from a thread, and a small browser: an httplib::Client that keeps cookies
// and can sign in.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "archive/web/password.h"
#include "archive/web/web_server.h"
#include "archive_test_support.h"

namespace chaperone::test {

constexpr const char* kTestPassword = "correct horse battery";

// A minimal SMTP server on 127.0.0.1 standing in for [release] relay: answers 250 to
// everything (or `reply_to_mail` to MAIL FROM, when set) and keeps each message's DATA.
class FakeRelay {
public:
    explicit FakeRelay(std::string reply_to_mail = "") : refuse_mail_(std::move(reply_to_mail)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd_, 8) == 0);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~FakeRelay() {
        stop_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    int port() const { return port_; }
    std::vector<std::string> messages() {
        std::lock_guard lock(mutex_);
        return messages_;
    }

private:
    void serve() {
        while (!stop_) {
            int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            auto say = [c](const std::string& line) { (void)!::write(c, line.data(), line.size()); };
            say("220 fake relay\r\n");
            std::string buffer, data;
            bool in_data = false;
            char chunk[4096];
            for (;;) {
                ssize_t n = ::read(c, chunk, sizeof chunk);
                if (n <= 0) break;
                buffer.append(chunk, static_cast<std::size_t>(n));
                std::size_t eol;
                bool quit = false;
                while ((eol = buffer.find("\r\n")) != std::string::npos) {
                    std::string line = buffer.substr(0, eol);
                    buffer.erase(0, eol + 2);
                    if (in_data) {
                        if (line == ".") {
                            in_data = false;
                            std::lock_guard lock(mutex_);
                            messages_.push_back(data);
                            say(reply_ + "\r\n");
                        } else {
                            data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\n";
                        }
                    } else if (line.rfind("DATA", 0) == 0) {
                        in_data = true;
                        data.clear();
                        say("354 go ahead\r\n");
                    } else if (line.rfind("MAIL", 0) == 0 && !refuse_mail_.empty()) {
                        say(refuse_mail_ + "\r\n");
                    } else if (line.rfind("QUIT", 0) == 0) {
                        say("221 bye\r\n");
                        quit = true;
                        break;
                    } else {
                        say("250 ok\r\n");
                    }
                }
                if (quit) break;
            }
            ::close(c);
        }
    }
    std::string reply_ = "250 2.0.0 Ok: queued as FAKE1";
    std::string refuse_mail_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::mutex mutex_;
    std::vector<std::string> messages_;
};

class WebConsole {
public:
    // `web_toml`: lines for the [web] section.
    explicit WebConsole(const std::string& name, const std::string& web_toml = "login_attempts_per_minute = 100\n",
                        const std::string& extra_toml = "")
        : archive_(name, true, "[web]\n" + web_toml + extra_toml) {
        store_ = archive_.open(archive::StoreRole::reader);
        auto hash = archive::web::hash_password(kTestPassword);
        REQUIRE(hash.is_ok());
        for (auto [user, role] : {std::pair{"olive", archive::UserRole::office}, std::pair{"dora", archive::UserRole::dpo},
                                  std::pair{"adam", archive::UserRole::admin}}) {
            REQUIRE(store_->users().add_user(user, role, *hash, test_actor()).is_ok());
        }
        start();
    }

    ~WebConsole() { stop(); }

    void start() {
        auto server = archive::web::WebServer::create(archive_.config(), *store_);
        INFO(server.error_message());
        REQUIRE(server.is_ok());
        server_ = std::move(server).value();
        auto port = server_->bind(archive::web::ListenAddress{"127.0.0.1", 0});
        REQUIRE(port.is_ok());
        port_ = *port;
        thread_ = std::thread([this] { (void)server_->serve(); });
        // Wait until it accepts connections (plain TCP: the console may speak TLS).
        for (int i = 0; i < 100; ++i) {
            int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(static_cast<std::uint16_t>(port_));
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            ::close(fd);
            if (up && server_->is_serving()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    void stop() {
        if (server_) server_->stop();
        if (thread_.joinable()) thread_.join();
        server_.reset();
    }

    int port() const { return port_; }
    archive::Store& store() { return *store_; }
    const TestArchive& archive() const { return archive_; }

private:
    TestArchive archive_;
    std::unique_ptr<archive::Store> store_;
    std::unique_ptr<archive::web::WebServer> server_;
    std::thread thread_;
    int port_ = 0;
};

// A client that keeps the cookies the console sets, like a browser would.
class Browser {
public:
    explicit Browser(int port) : client_("127.0.0.1", port) {}

    httplib::Result get(const std::string& path) {
        auto r = client_.Get(path.c_str(), headers());
        keep_cookies(r);
        return r;
    }
    httplib::Result post(const std::string& path, const httplib::Params& form) {
        auto r = client_.Post(path.c_str(), headers(), form);
        keep_cookies(r);
        return r;
    }

    // Signs in through the form; returns the status of the POST /login.
    int sign_in(const std::string& name, const std::string& password = kTestPassword) {
        auto page = get("/login");
        REQUIRE(page);
        auto r = post("/login", {{"login_token", field(page->body, "login_token")}, {"name", name}, {"password", password}});
        REQUIRE(r);
        return r->status;
    }

    // The CSRF token of the page at `path` (any form on it).
    std::string csrf(const std::string& path = "/") {
        auto page = get(path);
        REQUIRE(page);
        return field(page->body, "csrf");
    }

    static std::string field(const std::string& html, const std::string& name) {
        std::smatch m;
        std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
        if (std::regex_search(html, m, re)) return m[1];
        return {};
    }

    std::map<std::string, std::string>& cookies() { return cookies_; }
    httplib::Client& client() { return client_; }

private:
    httplib::Headers headers() const {
        std::string cookie;
        for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
        if (cookie.empty()) return {};
        return {{"Cookie", cookie}};
    }
    void keep_cookies(const httplib::Result& r) {
        if (!r) return;
        auto range = r->headers.equal_range("Set-Cookie");
        for (auto it = range.first; it != range.second; ++it) {
            const std::string& c = it->second;
            auto eq = c.find('='), semi = c.find(';');
            std::string name = c.substr(0, eq), value = c.substr(eq + 1, semi - eq - 1);
            if (value.empty() || c.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
            else cookies_[name] = value;
        }
    }
    httplib::Client client_;
    std::map<std::string, std::string> cookies_;
};

}  // namespace chaperone::test
