// Rule other-family: one family per email.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;
using pii::PiiKind;

TEST_CASE("other-family fires when a parent is told about another family's child", "[rules][other-family]") {
    RuleBench bench;
    bench.envelope.recipients = {kHelen};
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kMaisie}, pii::Subject::pupil),
                           finding(PiiKind::person_name, "body", {kTheo}, pii::Subject::pupil),
                           finding(PiiKind::phone, "body", {kIsla}, pii::Subject::contact)};
    auto hit = bench.evaluate("other-family");
    REQUIRE(hit);
    CHECK(hit->findings == std::vector<std::size_t>{1, 2});
    CHECK(hit->recipients == std::vector<std::string>{kHelen});
    CHECK(hit->reason == "a message to a parent mentions another family's child (one family per email); "
                         "check the recipient's address");
}

TEST_CASE("other-family does not fire for own children, non-parents, or without a roster", "[rules][other-family]") {
    RuleBench bench;
    bench.envelope.recipients = {kHelen};
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kMaisie}, pii::Subject::pupil),
                           finding(PiiKind::dob, "body", {kRory}, pii::Subject::pupil),
                           // a name shared by Theo and Maisie: read as Helen's own child
                           finding(PiiKind::person_name, "body", {kTheo, kMaisie}, pii::Subject::pupil),
                           finding(PiiKind::person_name, "body", {}, pii::Subject::unknown)};
    CHECK_FALSE(bench.evaluate("other-family"));
    // Not a parent: other rules judge it.
    bench.envelope.recipients = {kCouncil};
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kTheo}, pii::Subject::pupil)};
    CHECK_FALSE(bench.evaluate("other-family"));
    RuleBench no_roster("", false);
    no_roster.envelope.recipients = {kHelen};
    no_roster.scan.findings = {finding(PiiKind::person_name, "body", {kTheo}, pii::Subject::pupil)};
    CHECK_FALSE(no_roster.evaluate("other-family"));
}

TEST_CASE("other-family: each parent recipient is judged on their own children", "[rules][other-family]") {
    RuleBench bench;
    bench.envelope.recipients = {kHelen, kDaniel};
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kTheo}, pii::Subject::pupil)};
    auto hit = bench.evaluate("other-family");
    REQUIRE(hit);
    CHECK(hit->recipients == std::vector<std::string>{kHelen});  // Theo is Daniel's child
}

TEST_CASE("other-family through the engine, with strictest action and exemption", "[rules][other-family][engine]") {
    auto engine = policy_engine(policy_config());
    auto d = decide_fixture(*engine, kJo, {kHelen}, "other-family");
    CHECK(d.verdict == policies::Action::quarantine);
    CHECK(rule_ids(d) == std::vector<std::string>{"pii-in-body", "other-family"});
    // The same message to Theo's father: Maisie is the other family's child now.
    auto to_daniel = decide_fixture(*engine, kJo, {kDaniel}, "other-family");
    CHECK(hit_of(to_daniel, "other-family") != nullptr);

    auto strict = policy_engine(policy_config("[rules.other-family]\naction = \"reject\"\n"));
    auto rejected = decide_fixture(*strict, kJo, {kHelen}, "other-family");
    CHECK(rejected.verdict == policies::Action::reject);
    CHECK(rule_ids(rejected) == std::vector<std::string>{"pii-in-body", "other-family"});  // both recorded
    CHECK(rejected.reply == hit_of(rejected, "other-family")->reason);

    auto exempt = policy_engine(policy_config(
        "[[exemptions]]\nrule = \"other-family\"\nrecipient_domain = \"parents.example\"\n"));
    auto e = decide_fixture(*exempt, kJo, {kHelen}, "other-family");
    CHECK(rule_ids(e) == std::vector<std::string>{"pii-in-body"});
}
