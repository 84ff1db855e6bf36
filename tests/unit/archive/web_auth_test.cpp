// The web console over HTTP on loopback: sign-in, sessions, idle timeout, rate limiting,
// CSRF, role checks, and the security headers and cookie flags on every response.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "web_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::Browser;
using chaperone::test::WebConsole;

namespace {

void check_security_headers(const httplib::Response& r, const std::string& where) {
    INFO(where);
    CHECK(r.get_header_value("Content-Security-Policy") ==
          "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    CHECK(r.get_header_value("X-Frame-Options") == "DENY");
    CHECK(r.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(r.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(r.get_header_value_count("Content-Security-Policy") == 1);
}

std::vector<std::string> set_cookies(const httplib::Response& r) {
    std::vector<std::string> out;
    auto range = r.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
    return out;
}

std::int64_t audit_count(WebConsole& web, const std::string& action) {
    return web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
}

}  // namespace

TEST_CASE("web: every response carries the security headers; pages are no-store", "[web]") {
    WebConsole web("web-headers");
    Browser b(web.port());
    auto login = b.get("/login");
    REQUIRE(login);
    CHECK(login->status == 200);
    check_security_headers(*login, "GET /login");
    CHECK(login->get_header_value("Cache-Control") == "no-store");
    CHECK(login->get_header_value("Strict-Transport-Security").empty());  // no TLS here

    auto missing = b.get("/no/such/page");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    check_security_headers(*missing, "404");

    auto css = b.get("/static/console.css");
    REQUIRE(css);
    CHECK(css->status == 200);
    check_security_headers(*css, "style sheet");
    CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
    CHECK(css->get_header_value("Cache-Control") == "public, max-age=3600");
    CHECK(css->get_header_value_count("Cache-Control") == 1);

    REQUIRE(b.sign_in("adam") == 303);
    for (const char* path : {"/", "/casefiles", "/audit", "/users", "/health", "/quarantine"}) {
        auto r = b.get(path);
        REQUIRE(r);
        INFO(path);
        CHECK(r->status / 100 != 5);
        check_security_headers(*r, path);
        CHECK(r->get_header_value("Cache-Control") == "no-store");
        // No script anywhere, not even inline.
        CHECK(r->body.find("<script") == std::string::npos);
        CHECK(r->body.find(" style=") == std::string::npos);
    }
}

TEST_CASE("web: sign-in sets an HttpOnly SameSite=Strict session cookie; wrong passwords are refused", "[web]") {
    WebConsole web("web-login");
    Browser b(web.port());
    auto page = b.get("/login");
    REQUIRE(page);
    auto login_cookies = set_cookies(*page);
    REQUIRE(login_cookies.size() == 1);
    CHECK_THAT(login_cookies[0], Catch::StartsWith("chaperone_login="));
    CHECK_THAT(login_cookies[0], Catch::Contains("; Path=/; HttpOnly; SameSite=Strict"));
    CHECK_THAT(login_cookies[0], !Catch::Contains("Secure"));

    // Not signed in: every page sends you to the sign-in form.
    auto home = b.get("/casefiles");
    REQUIRE(home);
    CHECK(home->status == 303);
    CHECK(home->get_header_value("Location") == "/login");

    std::string token = Browser::field(page->body, "login_token");
    auto wrong = b.post("/login", {{"login_token", token}, {"name", "olive"}, {"password", "not the password"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK_THAT(wrong->body, Catch::Contains("Wrong account name or password"));
    CHECK(b.cookies().count("chaperone_session") == 0);
    auto unknown = b.post("/login", {{"login_token", Browser::field(wrong->body, "login_token")},
                                     {"name", "nobody"}, {"password", "whatever at all"}});
    REQUIRE(unknown);
    CHECK(unknown->status == 401);
    CHECK(audit_count(web, "web.login_failed") == 2);
    // The typed name of a non-existent account is not recorded (it may be a password).
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%nobody%' OR target LIKE '%nobody%'") == 0);

    auto right = b.post("/login", {{"login_token", Browser::field(unknown->body, "login_token")},
                                   {"name", "olive"}, {"password", test::kTestPassword}});
    REQUIRE(right);
    CHECK(right->status == 303);
    CHECK(right->get_header_value("Location") == "/");
    bool session_cookie = false;
    for (const auto& c : set_cookies(*right)) {
        if (c.rfind("chaperone_session=", 0) != 0) continue;
        session_cookie = true;
        CHECK_THAT(c, Catch::EndsWith("; Path=/; HttpOnly; SameSite=Strict"));
        CHECK(c.size() == std::string("chaperone_session=; Path=/; HttpOnly; SameSite=Strict").size() + 64);
    }
    CHECK(session_cookie);
    CHECK(audit_count(web, "web.login") == 1);
    // The database keeps only a hash of the cookie value.
    std::string cookie = b.cookies()["chaperone_session"];
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_sessions WHERE hex(token_hash) = upper('" + cookie + "')") == 0);
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_sessions") == 1);

    auto dash = b.get("/");
    REQUIRE(dash);
    CHECK(dash->status == 200);
    CHECK_THAT(dash->body, Catch::Contains("Signed in as <strong>olive</strong> (office)"));

    // A sign-in form posted without its login cookie (another site's form) is refused.
    Browser other(web.port());
    auto forged = other.post("/login", {{"login_token", "00"}, {"name", "olive"}, {"password", test::kTestPassword}});
    REQUIRE(forged);
    CHECK(forged->status == 403);
    CHECK(other.cookies().count("chaperone_session") == 0);

    // Sign out: the session is gone server-side too.
    auto out = b.post("/logout", {{"csrf", b.csrf("/")}});
    REQUIRE(out);
    CHECK(out->status == 303);
    CHECK(out->get_header_value("Location") == "/login?signed_out=1");
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_sessions") == 0);
    Browser replay(web.port());
    replay.cookies()["chaperone_session"] = cookie;
    auto again = replay.get("/");
    REQUIRE(again);
    CHECK(again->status == 303);
}

TEST_CASE("web: failed sign-ins are rate limited per account and per address", "[web]") {
    WebConsole web("web-rate", "login_attempts_per_minute = 3\n");
    Browser b(web.port());
    for (int i = 0; i < 3; ++i) CHECK(b.sign_in("olive", "wrong password " + std::to_string(i)) == 401);
    // Over the limit even the right password is refused, and no session is made.
    CHECK(b.sign_in("olive") == 429);
    CHECK(b.cookies().count("chaperone_session") == 0);
    auto page = b.get("/login");
    auto r = b.post("/login", {{"login_token", Browser::field(page->body, "login_token")}, {"name", "adam"},
                               {"password", test::kTestPassword}});
    REQUIRE(r);
    CHECK(r->status == 429);  // same address
    CHECK_THAT(r->body, Catch::Contains("Too many failed sign-ins"));
    CHECK(audit_count(web, "web.login") == 0);
}

TEST_CASE("web: roles decide which pages open; denials are audited", "[web]") {
    WebConsole web("web-roles");
    struct Case {
        const char* user;
        const char* path;
        int status;
    };
    const Case cases[] = {
        {"olive", "/", 200},          {"olive", "/casefiles", 200}, {"olive", "/quarantine", 403},
        {"olive", "/quarantine/1", 403}, {"olive", "/audit", 403},  {"olive", "/users", 403},
        {"olive", "/health", 403},    {"dora", "/casefiles", 200},  {"dora", "/audit", 200},
        {"dora", "/users", 403},      {"dora", "/health", 403},     {"adam", "/users", 200},
        {"adam", "/health", 200},     {"adam", "/audit", 200},
    };
    std::map<std::string, std::unique_ptr<Browser>> browsers;
    for (const auto& c : cases) {
        auto& b = browsers[c.user];
        if (!b) {
            b = std::make_unique<Browser>(web.port());
            REQUIRE(b->sign_in(c.user) == 303);
        }
        auto r = b->get(c.path);
        REQUIRE(r);
        INFO(c.user << " " << c.path);
        CHECK(r->status == c.status);
        if (c.status == 403) CHECK_THAT(r->body, Catch::Contains("cannot open this page"));
    }
    CHECK(audit_count(web, "web.denied") == 7);
    // Nav shows only what the role may open.
    auto office_home = browsers["olive"]->get("/");
    CHECK(office_home->body.find("href=\"/quarantine\"") == std::string::npos);
    CHECK(office_home->body.find("href=\"/casefiles\"") != std::string::npos);
    auto dpo_home = browsers["dora"]->get("/");
    CHECK(dpo_home->body.find("href=\"/quarantine\"") != std::string::npos);
    CHECK(dpo_home->body.find("href=\"/users\"") == std::string::npos);
    // A POST the role may not make does nothing.
    auto r = browsers["dora"]->post("/users/add", {{"csrf", browsers["dora"]->csrf("/")}, {"name", "mallory"},
                                                    {"role", "admin"}, {"password", "long enough password"}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_users WHERE name = 'mallory'") == 0);
}

TEST_CASE("web: a POST without the session's CSRF token changes nothing", "[web]") {
    WebConsole web("web-csrf");
    Browser b(web.port());
    REQUIRE(b.sign_in("adam") == 303);
    std::string csrf = b.csrf("/users");
    REQUIRE(csrf.size() == 64);
    httplib::Params add = {{"name", "newbie"}, {"role", "office"}, {"password", "long enough password"}};
    for (const std::string& token : {std::string(), std::string(64, '0'), csrf.substr(0, 63)}) {
        httplib::Params form = add;
        if (!token.empty()) form.emplace("csrf", token);
        auto r = b.post("/users/add", form);
        REQUIRE(r);
        INFO("token '" << token << "'");
        CHECK(r->status == 403);
        CHECK_THAT(r->body, Catch::Contains("Form expired"));
    }
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_users WHERE name = 'newbie'") == 0);
    // Another session's token does not work either.
    Browser other(web.port());
    REQUIRE(other.sign_in("adam") == 303);
    httplib::Params crossed = add;
    crossed.emplace("csrf", other.csrf("/users"));
    CHECK(b.post("/users/add", crossed)->status == 403);
    // With the right token it works.
    httplib::Params good = add;
    good.emplace("csrf", csrf);
    auto r = b.post("/users/add", good);
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(r->get_header_value("Location") == "/users?done=added");
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_users WHERE name = 'newbie' AND role = 'office'") == 1);
    CHECK(audit_count(web, "user.add") == 4);  // three by the fixture, one here
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'user.add' AND actor = 'adam' AND channel = 'web'") == 1);
}

TEST_CASE("web: an idle session ends after [web] idle_timeout_seconds", "[web]") {
    WebConsole web("web-idle", "idle_timeout_seconds = 2\nlogin_attempts_per_minute = 100\n");
    Browser b(web.port());
    REQUIRE(b.sign_in("olive") == 303);
    // Activity keeps it alive past the timeout.
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        auto r = b.get("/casefiles");
        REQUIRE(r);
        REQUIRE(r->status == 200);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(3200));
    auto r = b.get("/casefiles");
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(r->get_header_value("Location") == "/login?expired=1");
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM web_sessions") == 0);
    auto login = b.get("/login?expired=1");
    CHECK_THAT(login->body, Catch::Contains("Your session ended after 2 seconds without activity"));
}

TEST_CASE("web: disabling an account or changing its password ends its sessions", "[web]") {
    WebConsole web("web-disable");
    Browser admin(web.port()), office(web.port());
    REQUIRE(admin.sign_in("adam") == 303);
    REQUIRE(office.sign_in("olive") == 303);
    REQUIRE(office.get("/casefiles")->status == 200);
    auto users = web.store().users().list_users();
    REQUIRE(users.is_ok());
    std::int64_t olive = 0, adam = 0;
    for (const auto& u : *users) {
        if (u.name == "olive") olive = u.id;
        if (u.name == "adam") adam = u.id;
    }
    auto r = admin.post("/users/" + std::to_string(olive) + "/disable", {{"csrf", admin.csrf("/users")}});
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(office.get("/casefiles")->status == 303);
    CHECK(office.sign_in("olive") == 401);
    // An admin cannot disable themself here.
    auto self = admin.post("/users/" + std::to_string(adam) + "/disable", {{"csrf", admin.csrf("/users")}});
    REQUIRE(self);
    CHECK(self->status == 400);
    CHECK_THAT(self->body, Catch::Contains("You cannot disable your own account here."));
    // Enable, and a new password set by the admin ends the session it had.
    CHECK(admin.post("/users/" + std::to_string(olive) + "/enable", {{"csrf", admin.csrf("/users")}})->status == 303);
    REQUIRE(office.sign_in("olive") == 303);
    auto weak = admin.post("/users/" + std::to_string(olive) + "/password", {{"csrf", admin.csrf("/users")}, {"password", "short"}});
    CHECK(weak->status == 400);
    CHECK(office.get("/casefiles")->status == 200);
    CHECK(admin.post("/users/" + std::to_string(olive) + "/password",
                     {{"csrf", admin.csrf("/users")}, {"password", "a brand new passphrase"}})->status == 303);
    CHECK(office.get("/casefiles")->status == 303);
    CHECK(office.sign_in("olive") == 401);
    CHECK(office.sign_in("olive", "a brand new passphrase") == 303);
}

TEST_CASE("web: listen policy refuses a public address without TLS", "[web]") {
    test::TestArchive archive("web-listen");
    auto store = archive.open(StoreRole::reader);
    auto server = web::WebServer::create(archive.config(), *store);
    REQUIRE(server.is_ok());
    auto refused = (*server)->bind(web::ListenAddress{"0.0.0.0", 0});
    REQUIRE_FALSE(refused.is_ok());
    CHECK_THAT(refused.error_message(), Catch::StartsWith("refusing to serve personal data without TLS on 0.0.0.0"));
}
