// Rule password-in-message and its text scanner: the password of a protected attachment
// written in the same message (Subject or body).
#include <catch2/catch.hpp>

#include "policies/rules/password_disclosure.h"
#include "rule_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

namespace {
std::vector<std::string> disclosed(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : policies::find_password_disclosures(text)) out.push_back(text.substr(d.start, d.end - d.start));
    return out;
}
}  // namespace

TEST_CASE("password disclosures are found with the password's exact span", "[rules][password]") {
    const std::pair<const char*, const char*> rows[] = {
        {"The password is Wk8#pLm2qZ", "Wk8#pLm2qZ"},
        {"the password is sunflower7.", "sunflower7"},
        {"Password: Tr0ub4dor&3", "Tr0ub4dor&3"},
        {"PASSWORD:Tr0ub4dor&3", "Tr0ub4dor&3"},
        {"password = \"hunter22\"", "hunter22"},
        {"pw: blue-Kettle-9", "blue-Kettle-9"},
        {"PW - 4471pass", "4471pass"},
        {"Passcode: 4471", "4471"},
        {"The passcode for the file is 839201", "839201"},
        {"the password for the attached report is: Maple!Tree", "Maple!Tree"},
        {"Password \xE2\x80\x93 Lighthouse42", "Lighthouse42"},
        {"Trip list - password: Wk8#pLm2qZ", "Wk8#pLm2qZ"},
        {"You will need this password to open it:\n\n    Wk8#pLm2qZ\n", "Wk8#pLm2qZ"},
        {"Password:\nGreenDoor77\n", "GreenDoor77"},
        {"The password is \xE2\x80\x9C" "Orchard2024" "\xE2\x80\x9D.", "Orchard2024"},
    };
    for (const auto& [text, password] : rows) {
        INFO(text);
        CHECK(disclosed(text) == std::vector<std::string>{password});
    }
}

TEST_CASE("hints about a password are not disclosures", "[rules][password]") {
    for (const char* text : {
             "I will phone you with the password.",
             "The password will be sent separately by text message.",
             "The password is your child's date of birth.",
             "The password is the same as last time.",
             "Password to follow.",
             "Please find attached the password-protected report: summary.zip",
             "The attachment is password protected: ask the office for it.",
             "Password: see below",
             "Passwords must be changed every 90 days.",
             "Make sure your password is strong",
             "Our wifi passphrase is being changed today",
             "Please bypass the main entrance; use the side door.",
         }) {
        INFO(text);
        CHECK(disclosed(text).empty());
    }
}

TEST_CASE("a lone strong-looking line near the word password is a disclosure", "[rules][password]") {
    CHECK(disclosed("Hello,\nYou'll need a password for the zip.\n\nX9!mq2Lp\n\nThanks") ==
          std::vector<std::string>{"X9!mq2Lp"});
    // Far from the word, or not strong-looking: not flagged.
    CHECK(disclosed("A password is needed.\n\n\n\n\n\nX9!mq2Lp\n").empty());
    CHECK(disclosed("You need the password.\nThanks\nJo\n").empty());
    CHECK(disclosed("The password is coming.\n12/03/2016\n").empty());
    CHECK(policies::strong_looking_token("X9!mq2Lp"));
    CHECK(policies::strong_looking_token("Lighthouse42!"));
    CHECK_FALSE(policies::strong_looking_token("Thanks"));
    CHECK_FALSE(policies::strong_looking_token("12/03/2016"));
    CHECK_FALSE(policies::strong_looking_token("https://x.example/a1"));
}

TEST_CASE("the scanner is bounded on hostile input", "[rules][password]") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "password: Abc" + std::to_string(i) + "!x\n";
    auto found = policies::find_password_disclosures(text);
    CHECK(found.size() == policies::kMaxPasswordDisclosures);
}

TEST_CASE("password-in-message fires only with a protected attachment", "[rules][password]") {
    RuleBench bench;
    bench.body_text = "Trip list\n\nHello,\nThe password is Wk8#pLm2qZ\n";
    bench.scan.extraction.attachments = {attachment("aes.zip", pii::Protection::encrypted_aes)};
    auto hit = bench.evaluate("password-in-message");
    REQUIRE(hit);
    CHECK(hit->reason == "the password for the protected attachment is written in the same message; give it to the "
                         "recipient another way (phone or text message)");
    // No protected attachment: a password in the text is not this rule's business.
    bench.scan.extraction.attachments = {attachment("plain.zip", pii::Protection::none)};
    CHECK_FALSE(bench.evaluate("password-in-message"));
    bench.scan.extraction.attachments = {attachment("bad.pdf", pii::Protection::unreadable)};
    CHECK_FALSE(bench.evaluate("password-in-message"));
    // A protected attachment and no password in the text.
    bench.scan.extraction.attachments = {attachment("letter.pdf", pii::Protection::encrypted_pdf)};
    bench.body_text = "Trip list\n\nI will phone you with the password.\n";
    CHECK_FALSE(bench.evaluate("password-in-message"));
    // Internal mail may carry it.
    bench.body_text = "x\n\nPassword: Wk8#pLm2qZ\n";
    bench.envelope.recipients = {"office@school.example"};
    CHECK_FALSE(bench.evaluate("password-in-message"));
}

TEST_CASE("password-in-message through the engine: body, subject, lone line; told by phone passes",
          "[rules][password][engine]") {
    auto engine = policy_engine(policy_config());
    for (const char* name : {"password-in-body", "password-in-subject", "password-alone-on-line"}) {
        INFO(name);
        auto d = decide_fixture(*engine, kJo, {kCouncil}, name);
        CHECK(d.verdict == policies::Action::quarantine);
        CHECK(rule_ids(d) == std::vector<std::string>{"password-in-message"});
    }
    CHECK(decide_fixture(*engine, kJo, {kCouncil}, "protected-zip").verdict == policies::Action::deliver);
}

TEST_CASE("password-in-message exemption and a configured action", "[rules][password][exemptions]") {
    auto exempt = policy_engine(policy_config("[[exemptions]]\nrule = \"password-in-message\"\nsender = \"*@school.example\"\n"));
    CHECK(decide_fixture(*exempt, kJo, {kCouncil}, "password-in-body").verdict == policies::Action::deliver);
    auto reject = policy_engine(policy_config("[rules.password-in-message]\naction = \"reject\"\n"));
    auto d = decide_fixture(*reject, kJo, {kCouncil}, "password-in-body");
    CHECK(d.verdict == policies::Action::reject);
    CHECK(d.reply == hit_of(d, "password-in-message")->reason);
}
