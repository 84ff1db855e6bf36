// Domain normalisation and the internal/external test.
#include <catch2/catch.hpp>

#include "policies/address/domain.h"

using namespace chaperone::policies;

TEST_CASE("domains normalise to lower-case A-labels", "[domain]") {
    CHECK(*normalize_domain("School.EXAMPLE.") == "school.example");
    CHECK(*normalize_domain("bücher.example") == "xn--bcher-kva.example");
    CHECK(*normalize_domain("XN--BCHER-KVA.example") == "xn--bcher-kva.example");
    CHECK_FALSE(normalize_domain("").is_ok());
    CHECK_FALSE(normalize_domain("a b.example").is_ok());
    CHECK_FALSE(normalize_domain("a..example").is_ok());
}

TEST_CASE("internal means the domain or below it", "[domain]") {
    std::vector<std::string> internal = {"school.example", "xn--bcher-kva.example"};
    CHECK(domain_within("school.example", internal));
    CHECK(domain_within("staff.school.example", internal));
    CHECK(domain_within(address_domain("Head@Mail.School.Example"), internal));
    CHECK(domain_within(address_domain("info@bücher.example"), internal));
    CHECK_FALSE(domain_within("evilschool.example", internal));
    CHECK_FALSE(domain_within("school.example.evil.example", internal));
    CHECK_FALSE(domain_within("", internal));
}

TEST_CASE("addresses lose brackets and keep the local part", "[domain]") {
    CHECK(normalize_address(" <Jo.Bloggs@School.Example> ") == "Jo.Bloggs@school.example");
    CHECK(normalize_address("<>") == "");
    CHECK(normalize_address("postmaster") == "postmaster");
}

TEST_CASE("pupil account globs", "[domain]") {
    CHECK(address_matches_glob("Amy.P@Pupils.School.Example", "*@pupils.school.example"));
    CHECK(address_matches_glob("y7.amy@school.example", "y?.*@school.example"));
    CHECK_FALSE(address_matches_glob("head@school.example", "*@pupils.school.example"));
}
