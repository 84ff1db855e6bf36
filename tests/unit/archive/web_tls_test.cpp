// The console over TLS: HTTPS with the configured PEM pair, Secure __Host- cookies, HSTS,
// nothing in the clear on the same port, and a clear error for a bad key pair.
#include <catch2/catch.hpp>

#include "web_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;

namespace {

// A throwaway self-signed certificate for 127.0.0.1 (openssl(1), as an admin would make one).
void make_certificate(const std::filesystem::path& dir) {
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                      (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " > /dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_CASE("web over TLS: HTTPS only, Secure cookies, HSTS", "[web][tls]") {
    test::ScratchDir certs("web-tls-certs");
    make_certificate(certs.path());
    test::WebConsole web("web-tls",
                         "login_attempts_per_minute = 100\ntls_cert = \"" + (certs / "cert.pem").string() +
                             "\"\ntls_key = \"" + (certs / "key.pem").string() + "\"\n");
    httplib::SSLClient client("127.0.0.1", web.port());
    client.enable_server_certificate_verification(false);
    auto login = client.Get("/login");
    REQUIRE(login);
    CHECK(login->status == 200);
    CHECK(login->get_header_value("Strict-Transport-Security") == "max-age=31536000");
    std::string cookie = login->get_header_value("Set-Cookie");
    CHECK_THAT(cookie, Catch::StartsWith("__Host-chaperone_login="));
    CHECK_THAT(cookie, Catch::Contains("; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age="));

    std::string token = test::Browser::field(login->body, "login_token");
    std::string login_cookie = cookie.substr(0, cookie.find(';'));
    auto in = client.Post("/login", {{"Cookie", login_cookie}},
                          httplib::Params{{"login_token", token}, {"name", "olive"}, {"password", test::kTestPassword}});
    REQUIRE(in);
    CHECK(in->status == 303);
    bool secure_session = false;
    auto range = in->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second.rfind("__Host-chaperone_session=", 0) == 0) {
            secure_session = it->second.find("; HttpOnly; SameSite=Strict; Secure") != std::string::npos;
        }
    }
    CHECK(secure_session);

    // Plain HTTP on the TLS port gets no page.
    httplib::Client plain("127.0.0.1", web.port());
    plain.set_read_timeout(2);
    auto clear = plain.Get("/login");
    CHECK((!clear || clear->status != 200));
}

TEST_CASE("web over TLS: a bad key pair stops the console with a clear error", "[web][tls]") {
    test::ScratchDir certs("web-tls-bad");
    make_certificate(certs.path());
    test::write_file(certs / "other.pem", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    test::TestArchive archive("web-tls-bad-store", false,
                              "[web]\ntls_cert = \"" + (certs / "cert.pem").string() + "\"\ntls_key = \"" +
                                  (certs / "other.pem").string() + "\"\n");
    auto store = archive.open(StoreRole::reader);
    auto server = web::WebServer::create(archive.config(), *store);
    REQUIRE_FALSE(server.is_ok());
    CHECK_THAT(server.error_message(), Catch::StartsWith("[web] tls_cert / tls_key: OpenSSL could not load"));
}
