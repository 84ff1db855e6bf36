// Rule pii-in-body: PII in the open text of external mail; a parent may be told their own
// children's names but not their identifiers, DOB or address; trusted domains and exemptions.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;
using pii::PiiKind;

TEST_CASE("pii-in-body fires on PII in the open text to an external recipient", "[rules][pii-in-body]") {
    RuleBench bench;
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kMaisie}, pii::Subject::pupil),
                           finding(PiiKind::dob, "body", {kMaisie}, pii::Subject::pupil),
                           finding(PiiKind::nino, "report.docx")};
    auto hit = bench.evaluate("pii-in-body");
    REQUIRE(hit);
    CHECK(hit->findings == std::vector<std::size_t>{0, 1});  // not the attachment's
    CHECK(hit->recipients == std::vector<std::string>{kCouncil});
    CHECK(hit->reason ==
          "personal data (a name and a date of birth) in the open text of a message to an address outside the school");
}

TEST_CASE("pii-in-body does not fire without findings, for internal mail, or for trusted domains", "[rules][pii-in-body]") {
    {
        RuleBench bench;
        bench.scan.findings = {finding(PiiKind::nhs_number, "letter.pdf")};
        CHECK_FALSE(bench.evaluate("pii-in-body"));
    }
    {
        RuleBench bench;
        bench.envelope.recipients = {"office@school.example", "head@staff.school.example"};
        bench.scan.findings = {finding(PiiKind::dob)};
        CHECK_FALSE(bench.evaluate("pii-in-body"));
    }
    {
        RuleBench bench("[policy]\ntrusted_domains = [\"council.example\"]\n");
        bench.scan.findings = {finding(PiiKind::dob)};
        CHECK_FALSE(bench.evaluate("pii-in-body"));
        // A trusted and an untrusted recipient: it fires for the untrusted one only.
        bench.envelope.recipients = {kCouncil, "someone@mail.example"};
        auto hit = bench.evaluate("pii-in-body");
        REQUIRE(hit);
        CHECK(hit->recipients == std::vector<std::string>{"someone@mail.example"});
    }
}

TEST_CASE("pii-in-body: a parent may read their own children's names, never their identifiers", "[rules][pii-in-body]") {
    struct Row {
        PiiKind kind;
        std::vector<std::string> upns;
        bool fires;
    };
    const Row rows[] = {
        {PiiKind::person_name, {kMaisie}, false},        // own child's name
        {PiiKind::person_name, {kRory}, false},          // the other own child
        {PiiKind::person_name, {kMaisie, kTheo}, false}, // a name two pupils share, one is theirs
        {PiiKind::phone, {kMaisie}, false},              // the family's own phone
        {PiiKind::person_name, {kTheo}, true},           // another family's child
        {PiiKind::person_name, {}, true},                // a name the roster does not know
        {PiiKind::dob, {kMaisie}, true},
        {PiiKind::address, {kMaisie}, true},
        {PiiKind::postcode, {kMaisie}, true},
        {PiiKind::upn, {kMaisie}, true},
        {PiiKind::uln, {kMaisie}, true},
        {PiiKind::nhs_number, {kMaisie}, true},
        {PiiKind::nino, {kMaisie}, true},
    };
    for (const Row& row : rows) {
        INFO(pii::kind_name(row.kind) << " upns=" << row.upns.size());
        RuleBench bench;
        bench.envelope.recipients = {kHelen};
        bench.scan.findings = {finding(row.kind, "body", row.upns, pii::Subject::pupil)};
        CHECK(bench.evaluate("pii-in-body").has_value() == row.fires);
    }
    // With a second recipient who is not the parent, nobody's family may be named.
    RuleBench bench;
    bench.envelope.recipients = {kHelen, kCouncil};
    bench.scan.findings = {finding(PiiKind::person_name, "body", {kMaisie}, pii::Subject::pupil)};
    CHECK(bench.evaluate("pii-in-body"));
    // Without a roster there is no family to know of.
    RuleBench no_roster("", false);
    no_roster.envelope.recipients = {kHelen};
    no_roster.scan.findings = {finding(PiiKind::person_name, "body", {kMaisie}, pii::Subject::pupil)};
    CHECK(no_roster.evaluate("pii-in-body"));
}

TEST_CASE("pii-in-body through the engine: DOB held, own children's names delivered", "[rules][pii-in-body][engine]") {
    auto engine = policy_engine(policy_config());
    auto held = decide_fixture(*engine, kJo, {kCouncil}, "dob-in-body");
    CHECK(held.verdict == policies::Action::quarantine);
    CHECK(rule_ids(held) == std::vector<std::string>{"pii-in-body"});

    auto own = decide_fixture(*engine, kJo, {kHelen}, "own-children");
    CHECK(own.verdict == policies::Action::deliver);
    CHECK(own.rules.empty());
    CHECK_FALSE(own.scan.findings.empty());  // the names were found, and allowed

    auto own_dob = decide_fixture(*engine, kJo, {kHelen}, "own-child-dob");
    CHECK(own_dob.verdict == policies::Action::quarantine);
    CHECK(rule_ids(own_dob) == std::vector<std::string>{"pii-in-body"});
    CHECK(hit_of(own_dob, "pii-in-body")->reason.find("a date of birth") != std::string::npos);
}

TEST_CASE("pii-in-body exemptions: by sender, by recipient domain, by rule", "[rules][pii-in-body][exemptions]") {
    {
        auto engine = policy_engine(policy_config("[[exemptions]]\nrule = \"pii-in-body\"\nsender = \"j.bloggs@school.example\"\n"));
        CHECK(decide_fixture(*engine, kJo, {kCouncil}, "dob-in-body").verdict == policies::Action::deliver);
        // Another sender is not exempt.
        CHECK(decide_fixture(*engine, "t.reed@school.example", {kCouncil}, "dob-in-body").verdict ==
              policies::Action::quarantine);
    }
    {
        auto engine = policy_engine(policy_config("[[exemptions]]\nrule = \"pii-in-body\"\nrecipient_domain = \"council.example\"\n"));
        CHECK(decide_fixture(*engine, kJo, {kCouncil}, "dob-in-body").verdict == policies::Action::deliver);
        // Exempt for one recipient's domain only: still held for the other.
        auto both = decide_fixture(*engine, kJo, {kCouncil, "someone@mail.example"}, "dob-in-body");
        CHECK(both.verdict == policies::Action::quarantine);
        REQUIRE(hit_of(both, "pii-in-body"));
        CHECK(hit_of(both, "pii-in-body")->recipients == std::vector<std::string>{"someone@mail.example"});
    }
    {
        // An exemption for another rule changes nothing here.
        auto engine = policy_engine(policy_config("[[exemptions]]\nrule = \"other-family\"\nsender = \"*@school.example\"\n"));
        CHECK(decide_fixture(*engine, kJo, {kCouncil}, "dob-in-body").verdict == policies::Action::quarantine);
    }
}
