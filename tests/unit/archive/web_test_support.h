// Shared set-up for the web console's HTTP tests (header-only): a scratch archive with the
// fixture roster, three accounts (office, dpo, admin), the console served on 127.0.0.1 on
// a free port from a thread, and a small browser: an httplib::Client that keeps cookies
// and can sign in.
#pragma once

#include <httplib.h>

#include <map>
#include <regex>
#include <thread>

#include "archive/web/password.h"
#include "archive/web/web_server.h"
#include "archive_test_support.h"

namespace chaperone::test {

constexpr const char* kTestPassword = "correct horse battery";

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
        // Wait until it accepts connections.
        for (int i = 0; i < 100; ++i) {
            httplib::Client probe("127.0.0.1", port_);
            if (probe.Get("/static/console.css")) break;
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
