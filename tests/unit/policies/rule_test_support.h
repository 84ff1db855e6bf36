// Helpers for the policy rule tests: the fictional roster of tests/fixtures/policy, configs
// from TOML snippets, the real engine over fixture messages, and single rules evaluated over
// hand-made scan reports (so a rule's logic is tested apart from the detectors).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pii/roster/roster_index.h"
#include "policies/decision/decision.h"

namespace chaperone::test {

// Roster of tests/fixtures/policy/{students,contacts,staff}.csv:
//   Maisie (E856412016101) and Rory (Q856412018102) Thornbury: Helen, helen.thornbury@parents.example
//   Theo Ashdown (X856412015103): Daniel, dan.ashdown@parents.example
//   Isla Fenwick (X856412016104): Grace, grace.fenwick@home.example
inline constexpr const char* kMaisie = "E856412016101";
inline constexpr const char* kRory = "Q856412018102";
inline constexpr const char* kTheo = "X856412015103";
inline constexpr const char* kIsla = "X856412016104";
inline constexpr const char* kHelen = "helen.thornbury@parents.example";
inline constexpr const char* kDaniel = "dan.ashdown@parents.example";
inline constexpr const char* kGrace = "grace.fenwick@home.example";
inline constexpr const char* kJo = "j.bloggs@school.example";
inline constexpr const char* kCouncil = "admissions@council.example";

pii::Roster policy_roster();

// [school] (school.example) + [storage] + `extra`.
std::shared_ptr<const policies::Config> policy_config(const std::string& extra = "");

// The engine as the milter builds it; with or without the fixture roster.
std::shared_ptr<const policies::PolicyEngine> policy_engine(std::shared_ptr<const policies::Config> config,
                                                            bool with_roster = true);

// Judges tests/fixtures/policy/messages/<name>.eml.
policies::Decision decide_fixture(const policies::PolicyEngine& engine, const std::string& from,
                                  const std::vector<std::string>& to, const std::string& name);

std::vector<std::string> rule_ids(const policies::Decision& decision);
const policies::RuleHit* hit_of(const policies::Decision& decision, const std::string& rule_id);

// One finding as a detector would report it.
pii::Finding finding(pii::PiiKind kind, const std::string& where = "body", std::vector<std::string> upns = {},
                     pii::Subject subject = pii::Subject::unknown);
pii::AttachmentReport attachment(const std::string& name, pii::Protection protection);

// One rule over a hand-made scan report.
struct RuleBench {
    explicit RuleBench(const std::string& extra_config = "", bool with_roster = true);

    std::shared_ptr<const policies::Config> config;
    std::shared_ptr<const pii::RosterIndex> roster;
    policies::Envelope envelope;
    pii::ScanReport scan;
    std::string body_text;  // becomes the "body" TextSource when set

    // Evaluates rule `id` (from the catalog) with the current envelope and scan.
    std::optional<policies::RuleHit> evaluate(const std::string& id);
};

}  // namespace chaperone::test
