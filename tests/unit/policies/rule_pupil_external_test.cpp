// Rule pupil-external: pupil accounts mail only inside the school; rejected with a reason.
#include <catch2/catch.hpp>

#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

namespace {
const char* kPupilAccounts = "[policy]\npupil_accounts = [\"*@pupils.school.example\", \"y6.*@school.example\"]\n";
}

TEST_CASE("pupil-external fires for a pupil account writing outside the school", "[rules][pupil-external]") {
    RuleBench bench(kPupilAccounts);
    for (const char* sender : {"maisie.t@pupils.school.example", "Y6.Theo@School.Example"}) {
        INFO(sender);
        bench.envelope.mail_from = sender;
        bench.envelope.recipients = {"office@school.example", "friend@mail.example"};
        auto hit = bench.evaluate("pupil-external");
        REQUIRE(hit);
        CHECK(hit->recipients == std::vector<std::string>{"friend@mail.example"});
        CHECK(hit->reason == "pupil accounts can only send email to addresses inside the school");
    }
    // Logged in as a pupil, whatever the envelope sender says.
    bench.envelope.mail_from = "office@school.example";
    bench.envelope.auth_user = "maisie.t@pupils.school.example";
    CHECK(bench.evaluate("pupil-external"));
}

TEST_CASE("pupil-external does not fire for staff, internal mail, or without patterns", "[rules][pupil-external]") {
    RuleBench bench(kPupilAccounts);
    bench.envelope.mail_from = kJo;
    bench.envelope.recipients = {"friend@mail.example"};
    CHECK_FALSE(bench.evaluate("pupil-external"));
    bench.envelope.mail_from = "maisie.t@pupils.school.example";
    bench.envelope.recipients = {"teacher@school.example", "y4@pupils.school.example"};
    CHECK_FALSE(bench.evaluate("pupil-external"));
    RuleBench none;
    none.envelope.mail_from = "maisie.t@pupils.school.example";
    none.envelope.recipients = {"friend@mail.example"};
    CHECK_FALSE(none.evaluate("pupil-external"));
}

TEST_CASE("pupil-external is a reject, the strictest action, even to trusted domains", "[rules][pupil-external][engine]") {
    auto engine = policy_engine(policy_config(std::string(kPupilAccounts) + "trusted_domains = [\"mail.example\"]\n"));
    auto d = decide_fixture(*engine, "maisie.t@pupils.school.example", {"friend@mail.example"}, "pupil-external");
    CHECK(d.verdict == policies::Action::reject);
    CHECK(d.reply == "pupil accounts can only send email to addresses inside the school");
    // Strictest wins when a quarantine rule fires too, and both are recorded.
    auto both = decide_fixture(*engine, "maisie.t@pupils.school.example", {kCouncil}, "dob-in-body");
    CHECK(both.verdict == policies::Action::reject);
    CHECK(rule_ids(both) == std::vector<std::string>{"pupil-external", "pii-in-body"});
    CHECK(both.reply == "pupil accounts can only send email to addresses inside the school");
}

TEST_CASE("pupil-external exemption by sender", "[rules][pupil-external][exemptions]") {
    auto engine = policy_engine(policy_config(std::string(kPupilAccounts) +
                                              "[[exemptions]]\nrule = \"pupil-external\"\nsender = \"y6.*@school.example\"\n"));
    CHECK(decide_fixture(*engine, "y6.theo@school.example", {"friend@mail.example"}, "pupil-external").verdict ==
          policies::Action::deliver);
    CHECK(decide_fixture(*engine, "maisie.t@pupils.school.example", {"friend@mail.example"}, "pupil-external").verdict ==
          policies::Action::reject);
}
