// Sender notices: what they say (rules, advice, reference), what they never say (the PII),
// how they are built and sent, and templates from the config.
#include <catch2/catch.hpp>

#include "archive/notice/notice.h"
#include "fake_smtp_server.h"
#include "pii/mime/mime_message.h"
#include "quarantine_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::test;

namespace {

NoticeFacts held_facts() {
    NoticeFacts f;
    f.kind = NoticeKind::held;
    f.sender = "j.bloggs@school.example";
    f.recipients = {"admissions@council.example"};
    f.subject = "Insurance for [person_name], born [dob]";
    f.sent_at = Timestamp{1740996000, 0};
    f.id = 17;
    f.rules = {{"pii-in-body", "quarantine", "personal data (a name and a date of birth) in the open text of a message "
                                             "to an address outside the school"}};
    return f;
}

policies::Config config_with(const std::string& extra) {
    auto c = policies::load_config_from_string(
        "[school]\nname = \"Pembury Lane Primary School\"\ninternal_domains = [\"school.example\"]\n[storage]\n"
        "dir = \"/tmp/x\"\n" + extra, "/tmp/notice-test.toml");
    INFO(c.error_message());
    REQUIRE(c.is_ok());
    return *c;
}

}  // namespace

TEST_CASE("the held notice names the rule, the advice and the reference, never the data", "[notice]") {
    policies::Config config = config_with("");
    NoticeText text = render_notice(builtin_notice_template(NoticeKind::held), held_facts(), config);
    CHECK(text.subject == "Held for review: Insurance for [person_name], born [dob]");
    CHECK(text.body.rfind("Your email \"Insurance for [person_name], born [dob]\" to admissions@council.example, sent "
                          "2025-03-03 10:00 +00:00, has NOT been delivered.\n",
                          0) == 0);
    CHECK_THAT(text.body, Catch::Contains("Pembury Lane Primary School's data protection officer (reference: quarantine 17)"));
    CHECK_THAT(text.body, Catch::Contains("- personal data (a name and a date of birth) in the open text of a message to "
                                          "an address outside the school (rule pii-in-body)"));
    CHECK_THAT(text.body, Catch::Contains("- Take the personal details out of the text of the email, or put them in a "
                                          "password-protected attachment"));
    CHECK(text.body.find("{{") == std::string::npos);
    for (const auto& info : std::vector<std::string>{"pii-in-body", "pii-in-unprotected-attachment", "password-in-message",
                                                     "other-family", "unscannable-attachment", "weak-protection",
                                                     "pupil-external"}) {
        INFO(info);
        CHECK(advice_for_rule(info) != advice_for_rule("no-such-rule"));
    }
}

TEST_CASE("notice templates: placeholders checked, a bad file falls back to the built-in", "[notice]") {
    CHECK(notice_template_problem("Hi {{school}} {{id}} {{subject}} {{recipients}} {{date}} {{rules}} {{advice}} {{dpo}}")
              .empty());
    CHECK(notice_template_problem("Hello {{name}}") ==
          "unknown placeholder {{name}} (known: school id subject recipients date rules advice dpo)");
    CHECK(notice_template_problem("Hello {{school") == "a \"{{\" without its \"}}\"");

    ScratchDir dir("notice-template");
    write_file(dir / "good.txt", "Subject: Held ({{id}})\n\nAsk {{dpo}} about {{subject}}.\n{{rules}}\n");
    write_file(dir / "bad.txt", "Dear {{firstname}}\n");
    policies::Config good = config_with("[quarantine]\nnotice_template = \"" + (dir / "good.txt").string() +
                                        "\"\ndpo_address = \"dpo@school.example\"\n");
    NoticeText text = render_notice(notice_template_for(NoticeKind::held, good), held_facts(), good);
    CHECK(text.subject == "Held (17)");
    CHECK(text.body.rfind("Ask dpo@school.example about Insurance for [person_name], born [dob].\n- personal data", 0) == 0);
    // Warnings keep the built-in text whatever the held template says.
    CHECK(notice_template_for(NoticeKind::warning, good) == builtin_notice_template(NoticeKind::warning));
    policies::Config bad = config_with("[quarantine]\nnotice_template = \"" + (dir / "bad.txt").string() + "\"\n");
    CHECK(notice_template_for(NoticeKind::held, bad) == builtin_notice_template(NoticeKind::held));
    policies::Config missing = config_with("[quarantine]\nnotice_template = \"" + (dir / "none.txt").string() + "\"\n");
    CHECK(notice_template_for(NoticeKind::held, missing) == builtin_notice_template(NoticeKind::held));
}

TEST_CASE("the notice is a well-formed message, sent through the relay", "[notice]") {
    FakeSmtpServer relay;
    policies::Config config = config_with("[release]\nrelay = \"" + relay.endpoint() + "\"\n");
    NoticeFacts facts = held_facts();
    facts.subject = "Caf\xC3\xA9 trip for [person_name]";
    std::string raw = compose_notice_message(facts, config);
    auto parsed = pii::MimeMessage::parse(raw);
    REQUIRE(parsed.is_ok());
    CHECK(parsed->header("Subject") == "Held for review: Caf\xC3\xA9 trip for [person_name]");
    CHECK(parsed->header("To") == "j.bloggs@school.example");
    CHECK(parsed->header("From") == "Pembury Lane Primary School <postmaster@school.example>");
    CHECK(parsed->header("Auto-Submitted") == "auto-generated");
    CHECK(parsed->header("X-Chaperone-Notice") == "held; quarantine=17");
    CHECK(raw.find("Subject: Held for review: Caf\xC3\xA9") == std::string::npos);  // encoded, 7-bit headers

    NoticeResult sent = send_notice(facts, config);
    CHECK(sent.sent);
    CHECK(sent.detail == "250 2.0.0 Ok: queued as FAKE1");
    REQUIRE(relay.messages().size() == 1);
    CHECK(relay.messages()[0].mail_from == "<postmaster@school.example>");
    CHECK(relay.messages()[0].recipients == std::vector<std::string>{"j.bloggs@school.example"});

    facts.sender = "";
    NoticeResult none = send_notice(facts, config);
    CHECK_FALSE(none.sent);
    CHECK(none.detail == "no sender address to notify (null sender)");
    CHECK(relay.messages().size() == 1);
}
