// Rule unscannable-attachment: what could not be read does not leave unchecked.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("unscannable-attachment fires on unreadable attachments and on limit hits", "[rules][unscannable]") {
    RuleBench bench;
    bench.scan.extraction.attachments = {attachment("bad.pdf", pii::Protection::unreadable),
                                         attachment("bomb.zip", pii::Protection::none),
                                         attachment("bomb.zip/x.bin", pii::Protection::unreadable),
                                         attachment("bomb.zip/y.bin", pii::Protection::unreadable)};
    auto hit = bench.evaluate("unscannable-attachment");
    REQUIRE(hit);
    CHECK(hit->reason == "2 attachments could not be checked (damaged, an unknown format or too large); send it in "
                         "a password-protected file or another way");

    RuleBench limits;
    limits.scan.extraction.limits = {{"deep.zip", "max_archive_depth", "nested 5 deep"}};
    hit = limits.evaluate("unscannable-attachment");
    REQUIRE(hit);
    CHECK(hit->reason == "part of the message could not be checked (it reached a size or nesting limit); send large "
                         "or nested files another way");
}

TEST_CASE("unscannable-attachment does not fire on readable or protected attachments, or internally",
          "[rules][unscannable]") {
    RuleBench bench;
    bench.scan.extraction.attachments = {attachment("a.zip", pii::Protection::encrypted_aes),
                                         attachment("b.pdf", pii::Protection::encrypted_pdf),
                                         attachment("c.docx", pii::Protection::none)};
    CHECK_FALSE(bench.evaluate("unscannable-attachment"));
    bench.scan.extraction.attachments = {attachment("bad.pdf", pii::Protection::unreadable)};
    bench.envelope.recipients = {"office@school.example"};
    CHECK_FALSE(bench.evaluate("unscannable-attachment"));
}

TEST_CASE("unscannable-attachment through the engine; a limit hit from a real limit", "[rules][unscannable][engine]") {
    auto engine = policy_engine(policy_config());
    auto d = decide_fixture(*engine, kJo, {kCouncil}, "damaged-attachment");
    CHECK(d.verdict == policies::Action::quarantine);
    CHECK(rule_ids(d) == std::vector<std::string>{"unscannable-attachment"});
    // A real limit: a message of three MIME parts read with max_mime_parts = 1.
    auto shallow = policy_engine(policy_config("[limits]\nmax_mime_parts = 1\n"));
    auto limited = decide_fixture(*shallow, kJo, {kCouncil}, "protected-zip");
    REQUIRE_FALSE(limited.scan.extraction.limits.empty());
    CHECK(limited.scan.extraction.limits.front().limit == "max_mime_parts");
    CHECK(limited.verdict == policies::Action::quarantine);
    CHECK(rule_ids(limited) == std::vector<std::string>{"unscannable-attachment"});
    // The action is configurable.
    auto deliver = policy_engine(policy_config("[rules.unscannable-attachment]\naction = \"deliver\"\n"));
    auto delivered = decide_fixture(*deliver, kJo, {kCouncil}, "damaged-attachment");
    CHECK(delivered.verdict == policies::Action::deliver);
    CHECK(rule_ids(delivered) == std::vector<std::string>{"unscannable-attachment"});
    // Disabled: not evaluated at all.
    auto off = policy_engine(policy_config("[rules.unscannable-attachment]\nenabled = false\n"));
    CHECK(decide_fixture(*off, kJo, {kCouncil}, "damaged-attachment").rules.empty());
}
