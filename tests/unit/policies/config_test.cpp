// Config loading: defaults, required keys, unknown keys and bad values reported with line.
#include <catch2/catch.hpp>

#include "policies/config/config.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::policies;

namespace {
const char* kMinimal = R"(
[school]
internal_domains = ["School.Example"]
[storage]
dir = "/var/lib/chaperone"
)";
}

TEST_CASE("minimal config loads with defaults", "[config]") {
    auto config = load_config_from_string(kMinimal, "/etc/chaperone/chaperone.toml");
    REQUIRE(config.is_ok());
    CHECK(config->school.internal_domains == std::vector<std::string>{"school.example"});
    CHECK(config->milter.socket == "unix:/run/chaperone/milter.sock");
    CHECK_FALSE(config->milter.fail_open);
    CHECK(config->storage.public_key_file == "/var/lib/chaperone/keys/archive.pub");
    CHECK(config->disclaimer.enabled);
    CHECK(config->disclaimer.text.find("confidential") != std::string::npos);
    CHECK(config->quarantine.notice_from == "postmaster@school.example");
    CHECK(config->detectors.kinds.size() == 10);
}

TEST_CASE("required keys are named when missing", "[config]") {
    auto config = load_config_from_string("[school]\nname = \"X\"\n", "/etc/c.toml");
    REQUIRE_FALSE(config.is_ok());
    CHECK_THAT(config.error_message(), Catch::Contains("[school] internal_domains: required"));
    CHECK_THAT(config.error_message(), Catch::Contains("[storage] dir: required"));
}

TEST_CASE("unknown keys and bad values carry file, line and expectation", "[config]") {
    struct Case {
        const char* toml;
        const char* expected;
    };
    const Case cases[] = {
        {"[school]\ninternal_domains=[\"s.example\"]\nnmae = \"x\"\n[storage]\ndir=\"/d\"\n",
         "/etc/c.toml:3:1: [school]: unknown key \"nmae\""},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[milter]\nfail_open = \"yes\"\n",
         "/etc/c.toml:6:13: [milter] fail_open: expected true or false, got \"yes\""},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[milter]\nsocket_mode = 660\n",
         "[milter] socket_mode: expected an octal file mode as a string"},
        {"[school]\ninternal_domains=[\"s.example\", 3]\n[storage]\ndir=\"/d\"\n",
         "/etc/c.toml:2:32: [school] internal_domains: expected an array of strings, found an integer in it"},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[rules.pii-in-bdy]\naction=\"reject\"\n",
         "[rules]: unknown rule \"pii-in-bdy\""},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[rules.pii-in-body]\naction=\"bounce\"\n",
         "[rules.pii-in-body] action: expected one of \"deliver\", \"quarantine\", \"reject\", \"tempfail\""},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[limits]\nmax_archive_depth = 99\n",
         "/etc/c.toml:6:21: [limits] max_archive_depth: expected an integer from 0 to 32, got 99"},
        {"[school\ninternal_domains=[]\n", "/etc/c.toml:1:"},
        {"[school]\ninternal_domains=[\"bad domain\"]\n[storage]\ndir=\"/d\"\n", "internal_domains: \"bad domain\""},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[[exemptions]]\nrule=\"pii-in-body\"\n",
         "[[exemptions]]: expected sender and/or recipient_domain"},
        {"[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[disclaimer]\ntext_file=\"nope.txt\"\n",
         "[disclaimer] text_file: cannot read /etc/nope.txt"},
    };
    for (const auto& c : cases) {
        INFO(c.toml);
        auto config = load_config_from_string(c.toml, "/etc/c.toml");
        REQUIRE_FALSE(config.is_ok());
        CHECK_THAT(config.error_message(), Catch::Contains(c.expected));
    }
}

TEST_CASE("every problem in a file is reported in one run", "[config]") {
    auto config = load_config_from_string(
        "[school]\ninternal_domains=[\"s.example\"]\ncolour=1\n[storage]\ndir=\"/d\"\n[web]\nidle_timeout_minutes=0\n",
        "/etc/c.toml");
    REQUIRE_FALSE(config.is_ok());
    CHECK_THAT(config.error_message(), Catch::Contains("unknown key \"colour\""));
    CHECK_THAT(config.error_message(), Catch::Contains("[web] idle_timeout_minutes"));
}

TEST_CASE("disclaimer files are read relative to the config file", "[config]") {
    test::ScratchDir dir("config");
    test::write_file(dir / "disclaimer.txt", "Footer text\n\n");
    test::write_file(dir / "disclaimer.html", "<p>Footer</p>\n");
    test::write_file(dir / "c.toml",
                     "[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"store\"\n"
                     "[disclaimer]\ntext_file=\"disclaimer.txt\"\nhtml_file=\"disclaimer.html\"\n");
    auto config = load_config(dir / "c.toml");
    REQUIRE(config.is_ok());
    CHECK(config->disclaimer.text == "Footer text");
    CHECK(config->disclaimer.html == "<p>Footer</p>");
    CHECK(config->storage.dir == dir.path() / "store");
}

TEST_CASE("rules and exemptions are read", "[config]") {
    auto config = load_config_from_string(R"(
[school]
internal_domains = ["s.example"]
[storage]
dir = "/d"
[policy]
mode = "monitor"
trusted_domains = ["Council.Example"]
[rules.pupil-external]
action = "quarantine"
[rules.weak-protection]
enabled = false
[[exemptions]]
rule = "pii-in-body"
recipient_domain = "nhs.example"
)", "/etc/c.toml");
    REQUIRE(config.is_ok());
    CHECK(config->policy.mode == "monitor");
    CHECK(config->policy.trusted_domains == std::vector<std::string>{"council.example"});
    CHECK(config->policy.rules.at("pupil-external").action == Action::quarantine);
    CHECK_FALSE(config->policy.rules.at("weak-protection").enabled);
    REQUIRE(config->policy.exemptions.size() == 1);
    CHECK(config->policy.exemptions[0].recipient_domain == "nhs.example");
}

TEST_CASE("[quarantine] dpo_address and notice_template are read", "[config][quarantine]") {
    std::string text = std::string(kMinimal) +
                       "[quarantine]\ndpo_address = \"dpo@school.example\"\nnotice_template = \"notice.txt\"\n"
                       "retention_days = 14\nexpiry_report_days = 3\n";
    auto config = load_config_from_string(text, "/etc/chaperone/chaperone.toml");
    REQUIRE(config.is_ok());
    CHECK(config->quarantine.dpo_address == "dpo@school.example");
    CHECK(config->quarantine.notice_template == "/etc/chaperone/notice.txt");
    CHECK(config->quarantine.retention_days == 14);
    CHECK(config->quarantine.expiry_report_days == 3);
    auto defaults = load_config_from_string(kMinimal, "/etc/chaperone/chaperone.toml");
    REQUIRE(defaults.is_ok());
    CHECK(defaults->quarantine.dpo_address.empty());
    auto bad = load_config_from_string(std::string(kMinimal) + "[quarantine]\ndpo_address = 7\n", "/etc/c.toml");
    REQUIRE_FALSE(bad.is_ok());
    CHECK_THAT(bad.error_message(), Catch::Contains("[quarantine] dpo_address"));
}

TEST_CASE("[web] idle timeout in seconds overrides the minutes; both are bounded", "[config]") {
    const std::string base = "[school]\ninternal_domains=[\"s.example\"]\n[storage]\ndir=\"/d\"\n[web]\n";
    auto defaults = load_config_from_string(base, "/etc/c.toml");
    REQUIRE(defaults.is_ok());
    CHECK(defaults->web.idle_timeout_minutes == 10);
    CHECK(defaults->web.idle_timeout_seconds == 0);
    auto seconds = load_config_from_string(base + "idle_timeout_seconds = 3\n", "/etc/c.toml");
    REQUIRE(seconds.is_ok());
    CHECK(seconds->web.idle_timeout_seconds == 3);
    auto bad = load_config_from_string(base + "idle_timeout_seconds = 0\n", "/etc/c.toml");
    REQUIRE_FALSE(bad.is_ok());
    CHECK_THAT(bad.error_message(), Catch::Contains("[web] idle_timeout_seconds"));
}
