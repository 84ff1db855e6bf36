// Helpers for the policy rule tests; see rule_test_support.h.
#include "rule_test_support.h"

#include <catch2/catch.hpp>

#include <sstream>

#include "policies/decision/engine_factory.h"
#include "policies/rules/rule_catalog.h"
#include "test_support.h"

namespace chaperone::test {
namespace {

// RFC 4180 enough for the fixtures: commas, one level of double quotes.
std::vector<std::vector<std::string>> read_csv(const std::string& name) {
    std::string text = read_file(tests_path("fixtures/policy/" + name));
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        if (line.empty()) continue;
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) fields.emplace_back();
            else if (c != '\r') fields.back() += c;
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

const pii::MimeMessage& empty_message() {
    static const pii::MimeMessage message = [] {
        auto m = pii::MimeMessage::parse("From: a@school.example\nSubject: x\n\nbody\n");
        REQUIRE(m.is_ok());
        return std::move(m).value();
    }();
    return message;
}

}  // namespace

pii::Roster policy_roster() {
    pii::Roster roster;
    for (const auto& f : read_csv("students.csv")) roster.pupils.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]});
    for (const auto& f : read_csv("contacts.csv")) roster.contacts.push_back({f[0], f[1], f[2], f[3], f[4]});
    for (const auto& f : read_csv("staff.csv")) roster.staff.push_back({f[0], f[1]});
    roster.version = 1;
    return roster;
}

std::shared_ptr<const policies::Config> policy_config(const std::string& extra) {
    std::string text =
        "[school]\nname = \"Pembury Lane Primary School\"\ninternal_domains = [\"school.example\"]\n"
        "address = \"Pembury Lane, Leicester LE4 1FX\"\nphones = [\"0116 496 0720\"]\n"
        "[storage]\ndir = \"/tmp/unused\"\n" + extra;
    auto config = policies::load_config_from_string(text, "/tmp/policy-test.toml");
    INFO(config.error_message());
    REQUIRE(config.is_ok());
    return std::make_shared<const policies::Config>(std::move(config).value());
}

std::shared_ptr<const policies::PolicyEngine> policy_engine(std::shared_ptr<const policies::Config> config,
                                                            bool with_roster) {
    std::shared_ptr<const pii::Roster> roster;
    if (with_roster) roster = std::make_shared<const pii::Roster>(policy_roster());
    return policies::make_policy_engine(std::move(config), std::move(roster));
}

policies::Decision decide_fixture(const policies::PolicyEngine& engine, const std::string& from,
                                  const std::vector<std::string>& to, const std::string& name) {
    auto message = pii::MimeMessage::parse_file(tests_path("fixtures/policy/messages/" + name + ".eml"));
    REQUIRE(message.is_ok());
    policies::Envelope envelope;
    envelope.mail_from = from;
    envelope.recipients = to;
    envelope.queue_id = "TEST";
    return engine.decide(envelope, *message);
}

std::vector<std::string> rule_ids(const policies::Decision& decision) {
    std::vector<std::string> out;
    for (const auto& hit : decision.rules) out.push_back(hit.rule_id);
    return out;
}

const policies::RuleHit* hit_of(const policies::Decision& decision, const std::string& rule_id) {
    for (const auto& hit : decision.rules)
        if (hit.rule_id == rule_id) return &hit;
    return nullptr;
}

pii::Finding finding(pii::PiiKind kind, const std::string& where, std::vector<std::string> upns, pii::Subject subject) {
    pii::Finding f;
    f.kind = kind;
    f.where = where;
    f.text = "x";
    f.start = 0;
    f.end = 1;
    f.confidence = 0.9;
    f.pupil_upns = std::move(upns);
    f.subject = subject;
    return f;
}

pii::AttachmentReport attachment(const std::string& name, pii::Protection protection) {
    pii::AttachmentReport a;
    a.name = name;
    a.content_type = "application/zip";
    a.protection = protection;
    return a;
}

RuleBench::RuleBench(const std::string& extra_config, bool with_roster) : config(policy_config(extra_config)) {
    if (with_roster) roster = pii::RosterIndex::build(policy_roster());
    envelope.mail_from = kJo;
    envelope.recipients = {kCouncil};
}

std::optional<policies::RuleHit> RuleBench::evaluate(const std::string& id) {
    if (!body_text.empty()) {
        scan.extraction.texts.clear();
        scan.extraction.texts.push_back({"body", body_text});
    }
    policies::RecipientSplit split = policies::split_recipients(envelope.recipients, *config);
    policies::RuleContext context{*config, envelope, split, empty_message(), scan, roster.get()};
    for (const auto& rule : policies::make_rules()) {
        if (rule->id() == id) return rule->evaluate(context);
    }
    FAIL("no rule " << id);
    return std::nullopt;
}

}  // namespace chaperone::test
