// Rule weak-protection: ZipCrypto / legacy Office encryption is reported; delivered with a
// warning by default.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("weak-protection fires on ZipCrypto and legacy Office encryption, counted as sent", "[rules][weak]") {
    RuleBench bench;
    bench.scan.extraction.attachments = {attachment("list.zip", pii::Protection::encrypted_zipcrypto),
                                         attachment("list.zip/a.csv", pii::Protection::encrypted_zipcrypto),
                                         attachment("old.xls", pii::Protection::encrypted_legacy_office)};
    auto hit = bench.evaluate("weak-protection");
    REQUIRE(hit);
    CHECK(hit->reason == "2 attachments are protected with old, easily broken encryption (ZipCrypto or legacy "
                         "Office); use AES-256 (e.g. 7-Zip or a current Office version) next time");
    bench.scan.extraction.attachments = {attachment("list.zip", pii::Protection::encrypted_zipcrypto)};
    CHECK(bench.evaluate("weak-protection")->reason.rfind("1 attachment is protected", 0) == 0);
}

TEST_CASE("weak-protection does not fire on AES, PDF or OOXML encryption, or internally", "[rules][weak]") {
    RuleBench bench;
    bench.scan.extraction.attachments = {attachment("a.zip", pii::Protection::encrypted_aes),
                                         attachment("b.pdf", pii::Protection::encrypted_pdf),
                                         attachment("c.docx", pii::Protection::encrypted_ooxml)};
    CHECK_FALSE(bench.evaluate("weak-protection"));
    bench.scan.extraction.attachments = {attachment("list.zip", pii::Protection::encrypted_zipcrypto)};
    bench.envelope.recipients = {"office@school.example"};
    CHECK_FALSE(bench.evaluate("weak-protection"));
}

TEST_CASE("weak-protection through the engine: delivered and recorded; configurable", "[rules][weak][engine]") {
    auto engine = policy_engine(policy_config());
    auto d = decide_fixture(*engine, kJo, {kCouncil}, "zipcrypto");
    CHECK(d.verdict == policies::Action::deliver);
    CHECK(d.enforced == policies::Action::deliver);
    REQUIRE(hit_of(d, "weak-protection"));
    CHECK(hit_of(d, "weak-protection")->action == policies::Action::deliver);
    CHECK(d.wants_footer());

    auto strict = policy_engine(policy_config("[rules.weak-protection]\naction = \"quarantine\"\n"));
    CHECK(decide_fixture(*strict, kJo, {kCouncil}, "zipcrypto").verdict == policies::Action::quarantine);
    auto exempt = policy_engine(policy_config("[[exemptions]]\nrule = \"weak-protection\"\nsender = \"j.bloggs@school.example\"\n"));
    CHECK(decide_fixture(*exempt, kJo, {kCouncil}, "zipcrypto").rules.empty());
}
