// Socket specs: libmilter forms accepted, the Postfix spelling rejected with a hint.
#include <catch2/catch.hpp>

#include "milter/listen_socket.h"

using namespace chaperone::milter;

TEST_CASE("socket specs", "[milter][socket]") {
    auto unix_spec = parse_socket_spec("unix:/run/chaperone/milter.sock");
    REQUIRE(unix_spec.is_ok());
    CHECK(unix_spec->family == SocketSpec::Family::unix_path);
    CHECK(unix_spec->path == "/run/chaperone/milter.sock");

    auto inet = parse_socket_spec("inet:8891@127.0.0.1");
    REQUIRE(inet.is_ok());
    CHECK(inet->port == 8891);
    CHECK(inet->host == "127.0.0.1");

    auto postfix_style = parse_socket_spec("inet:127.0.0.1:8891");
    REQUIRE_FALSE(postfix_style.is_ok());
    CHECK(postfix_style.error_message().find("libmilter writes inet:8891@127.0.0.1") != std::string::npos);

    CHECK_FALSE(parse_socket_spec("unix:relative/path").is_ok());
    CHECK_FALSE(parse_socket_spec("tcp:25").is_ok());
    CHECK_FALSE(parse_socket_spec("inet:99999@127.0.0.1").is_ok());
}
