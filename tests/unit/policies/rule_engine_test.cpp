// The policy engine around the rules: the catalog, strictest action, every fired rule
// recorded, monitor mode, and the scanner the factory builds (with and without a roster).
#include <catch2/catch.hpp>

#include <set>

#include "policies/rules/rule_catalog.h"
#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("the catalog lists every rule the config knows, each with its clause", "[rules][catalog]") {
    std::vector<std::string> ids;
    for (const auto& info : policies::rule_catalog()) {
        ids.emplace_back(info.id);
        INFO(info.id);
        CHECK_FALSE(info.catches.empty());
        // Every rule cites a seed policy file and a section.
        CHECK(info.clause.find("-policy.txt: ") != std::string_view::npos);
    }
    std::set<std::string> catalog(ids.begin(), ids.end()), config(policies::known_rule_ids().begin(),
                                                                  policies::known_rule_ids().end());
    CHECK(catalog == config);
    CHECK(ids.size() == catalog.size());
    CHECK(policies::find_rule_info("pupil-external")->default_action == policies::Action::reject);
    CHECK(policies::find_rule_info("weak-protection")->default_action == policies::Action::deliver);
    CHECK(policies::find_rule_info("pii-in-body")->default_action == policies::Action::quarantine);
    CHECK(policies::find_rule_info("nope") == nullptr);
}

TEST_CASE("strictest action wins and every fired rule is recorded", "[rules][engine]") {
    struct Row {
        std::string config;
        policies::Action verdict;
    };
    // other-family message to Helen: pii-in-body and other-family both fire.
    const Row rows[] = {
        {"", policies::Action::quarantine},
        {"[rules.pii-in-body]\naction = \"tempfail\"\n", policies::Action::quarantine},
        {"[rules.pii-in-body]\naction = \"tempfail\"\n[rules.other-family]\naction = \"deliver\"\n",
         policies::Action::tempfail},
        {"[rules.pii-in-body]\naction = \"reject\"\n", policies::Action::reject},
        {"[rules.pii-in-body]\naction = \"deliver\"\n[rules.other-family]\naction = \"deliver\"\n",
         policies::Action::deliver},
    };
    for (const Row& row : rows) {
        INFO(row.config);
        auto engine = policy_engine(policy_config(row.config));
        auto d = decide_fixture(*engine, kJo, {kHelen}, "other-family");
        CHECK(d.verdict == row.verdict);
        CHECK(d.enforced == row.verdict);
        CHECK(rule_ids(d) == std::vector<std::string>{"pii-in-body", "other-family"});
    }
}

TEST_CASE("monitor mode records what would happen and delivers", "[rules][engine][monitor]") {
    auto engine = policy_engine(policy_config("[policy]\nmode = \"monitor\"\npupil_accounts = [\"*@pupils.school.example\"]\n"));
    auto held = decide_fixture(*engine, kJo, {kCouncil}, "dob-in-body");
    CHECK(held.monitor);
    CHECK(held.verdict == policies::Action::deliver);
    CHECK(held.enforced == policies::Action::quarantine);
    CHECK(rule_ids(held) == std::vector<std::string>{"pii-in-body"});
    CHECK(held.wants_footer());
    auto rejected = decide_fixture(*engine, "maisie.t@pupils.school.example", {"friend@mail.example"}, "pupil-external");
    CHECK(rejected.verdict == policies::Action::deliver);
    CHECK(rejected.enforced == policies::Action::reject);
    CHECK(rejected.reply.empty());
}

TEST_CASE("the factory's scanner: generic detectors without a roster, roster knowledge with one", "[rules][engine]") {
    auto without = policy_engine(policy_config(), false);
    REQUIRE(without->scanner() != nullptr);
    CHECK(without->scanner()->roster() == nullptr);
    auto d = decide_fixture(*without, kJo, {kCouncil}, "dob-in-body");
    CHECK(d.scanned);
    CHECK(d.verdict == policies::Action::quarantine);  // a DOB by its wording needs no roster
    // Own children's names are only allowed when the roster says whose they are.
    auto with = policy_engine(policy_config(), true);
    REQUIRE(with->scanner()->roster() != nullptr);
    CHECK(decide_fixture(*with, kJo, {kHelen}, "own-children").verdict == policies::Action::deliver);
    // Internal mail is not scanned at all.
    auto internal = decide_fixture(*with, kJo, {"office@school.example"}, "dob-in-body");
    CHECK_FALSE(internal.scanned);
    CHECK(internal.rules.empty());
    CHECK(internal.verdict == policies::Action::deliver);
    // A message without PII passes untouched by rules.
    CHECK(decide_fixture(*with, kJo, {kCouncil}, "no-pii").rules.empty());
}
