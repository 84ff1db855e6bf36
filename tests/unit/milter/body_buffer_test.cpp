// The body buffer keeps small bodies in RAM and spills large ones to an unnamed file.
#include <catch2/catch.hpp>

#include "milter/body_buffer.h"

using chaperone::milter::BodyBuffer;

TEST_CASE("small bodies stay in memory", "[milter][body]") {
    BodyBuffer body(1024, "/tmp");
    REQUIRE(body.append("hello ").is_ok());
    REQUIRE(body.append("world").is_ok());
    CHECK_FALSE(body.spilled());
    CHECK(body.memory() == "hello world");
    CHECK(*body.read_all() == "hello world");
}

TEST_CASE("large bodies spill to a private file and read back intact", "[milter][body]") {
    BodyBuffer body(4096, "/tmp");
    std::string expected;
    for (int i = 0; i < 1000; ++i) {
        std::string chunk = "line " + std::to_string(i) + " of the body\r\n";
        expected += chunk;
        REQUIRE(body.append(chunk).is_ok());
    }
    CHECK(body.spilled());
    CHECK(body.memory().empty());
    CHECK(body.size() == expected.size());
    CHECK(*body.read_all() == expected);
}

TEST_CASE("an unusable spill directory is an error, not a crash", "[milter][body]") {
    BodyBuffer body(8, "/nonexistent-chaperone-dir");
    auto status = body.append("more than eight bytes");
    CHECK_FALSE(status.is_ok());
    CHECK(status.message().find("cannot create body spill file in /nonexistent-chaperone-dir") != std::string::npos);
}
