// Rule pii-in-unprotected-attachment: PII in a readable attachment; protected ones pass.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;
using pii::PiiKind;

TEST_CASE("pii-in-unprotected-attachment fires on findings in attachments", "[rules][attachment]") {
    RuleBench bench;
    bench.scan.findings = {finding(PiiKind::dob, "body"), finding(PiiKind::upn, "plain.zip/pupils.txt"),
                           finding(PiiKind::address, "plain.zip/pupils.txt"), finding(PiiKind::nino, "form.docx")};
    auto hit = bench.evaluate("pii-in-unprotected-attachment");
    REQUIRE(hit);
    CHECK(hit->findings == std::vector<std::size_t>{1, 2, 3});
    CHECK(hit->reason ==
          "personal data (a home address, a UPN and a National Insurance number) in 2 attachments that are not "
          "password-protected, to an address outside the school");
    bench.scan.findings = {finding(PiiKind::upn, "plain.zip/pupils.txt")};
    hit = bench.evaluate("pii-in-unprotected-attachment");
    REQUIRE(hit);
    CHECK(hit->reason == "personal data (a UPN) in 1 attachment that is not password-protected, to an address "
                         "outside the school");
}

TEST_CASE("pii-in-unprotected-attachment does not fire on body findings, internal or trusted mail",
          "[rules][attachment]") {
    RuleBench bench("[policy]\ntrusted_domains = [\"la.example\"]\n");
    bench.scan.findings = {finding(PiiKind::dob, "body")};
    CHECK_FALSE(bench.evaluate("pii-in-unprotected-attachment"));
    bench.scan.findings = {finding(PiiKind::dob, "list.csv")};
    bench.envelope.recipients = {"office@school.example"};
    CHECK_FALSE(bench.evaluate("pii-in-unprotected-attachment"));
    bench.envelope.recipients = {"sen@la.example"};
    CHECK_FALSE(bench.evaluate("pii-in-unprotected-attachment"));
    // A parent may be sent a letter naming their own child.
    bench.envelope.recipients = {kHelen};
    bench.scan.findings = {finding(PiiKind::person_name, "letter.docx", {kRory}, pii::Subject::pupil)};
    CHECK_FALSE(bench.evaluate("pii-in-unprotected-attachment"));
}

TEST_CASE("attachments through the engine: plain zip held, AES zip passes", "[rules][attachment][engine]") {
    auto engine = policy_engine(policy_config());
    auto plain = decide_fixture(*engine, kJo, {kCouncil}, "unprotected-zip");
    CHECK(plain.verdict == policies::Action::quarantine);
    CHECK(rule_ids(plain) == std::vector<std::string>{"pii-in-unprotected-attachment"});
    const auto* hit = hit_of(plain, "pii-in-unprotected-attachment");
    REQUIRE(hit);
    for (std::size_t i : hit->findings) CHECK(plain.scan.findings[i].where == "plain.zip/pupil-details.txt");

    auto aes = decide_fixture(*engine, kJo, {kCouncil}, "protected-zip");
    CHECK(aes.verdict == policies::Action::deliver);
    CHECK(aes.rules.empty());
    CHECK(aes.scan.findings.empty());
    REQUIRE_FALSE(aes.scan.extraction.attachments.empty());
    CHECK(aes.scan.extraction.attachments.front().protection == pii::Protection::encrypted_aes);
}

TEST_CASE("pii-in-unprotected-attachment exemption by recipient domain", "[rules][attachment][exemptions]") {
    auto engine = policy_engine(policy_config(
        "[[exemptions]]\nrule = \"pii-in-unprotected-attachment\"\nrecipient_domain = \"council.example\"\n"));
    CHECK(decide_fixture(*engine, kJo, {kCouncil}, "unprotected-zip").verdict == policies::Action::deliver);
    CHECK(decide_fixture(*engine, kJo, {"x@mail.example"}, "unprotected-zip").verdict == policies::Action::quarantine);
}
