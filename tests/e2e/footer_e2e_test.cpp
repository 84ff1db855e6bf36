// Through a real Postfix: external mail gets the disclaimer once, internal mail and signed
// mail are untouched, and a dead milter makes Postfix answer 4xx instead of passing mail.
#include <catch2/catch.hpp>

#include <set>

#include "captured_mail.h"
#include "e2e_stack.h"

using namespace chaperone::test;

namespace {
std::string footer_text() {
    std::string text = read_file(tests_path("e2e/config/disclaimer.txt"));
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}
std::string trim_end(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}
const std::string kFooterWords = "Registered office: Pembury Lane, Leicester LE4 1FX.";
}  // namespace

TEST_CASE("disclaimer through Postfix: external footed once, internal and signed untouched", "[e2e][footer]") {
    E2EStack stack("footer");
    REQUIRE(stack.error.empty());

    REQUIRE(stack.send("j.bloggs@school.example", "parent@parents.example", "alternative-external.eml").accepted);
    REQUIRE(stack.send("j.bloggs@school.example", "office@school.example", "plain-internal.eml").accepted);
    REQUIRE(stack.send("head@school.example", "admissions@council.example", "signed-external.eml").accepted);
    REQUIRE(stack.send("j.bloggs@school.example", "parent@parents.example", "already-footed-external.eml").accepted);
    REQUIRE(stack.sink.wait_for(4, std::chrono::seconds(60)) == 4);

    std::map<std::string, std::unique_ptr<CapturedMail>> by_id;
    for (const auto& file : stack.sink.files()) {
        auto mail = std::make_unique<CapturedMail>(file);
        std::string id = mail->header("Message-ID");
        by_id[id.substr(1, id.size() - 2)] = std::move(mail);  // without <>
    }
    REQUIRE(by_id.size() == 4);

    {  // external multipart/alternative: both parts end with the footer, once
        const CapturedMail& mail = *by_id.at("trip-4@school.example");
        std::string plain = mail.text("text/plain");
        std::string html = mail.text("text/html");
        CHECK(plain.rfind("Dear parents and carers,\n\nYear 4 will visit the city museum on Friday. "
                          "Please send a packed lunch \xE2\x80\x94 no nuts, please.", 0) == 0);
        CHECK(count_of(plain, kFooterWords) == 1);
        std::string trimmed = trim_end(plain);
        CHECK(trimmed.size() >= footer_text().size());
        CHECK(trimmed.substr(trimmed.size() - footer_text().size()) == footer_text());
        CHECK(count_of(html, kFooterWords) == 1);
        CHECK(html.find(kFooterWords) < html.find("</body>"));
        CHECK(mail.header("X-Chaperone-Disclaimer") == "added");
        CHECK(mail.header_count("X-Chaperone-Disclaimer") == 1);
    }
    {  // internal mail: no footer, no disclaimer header, text unchanged
        const CapturedMail& mail = *by_id.at("register-4@school.example");
        // swaks ends the DATA with a line break of its own: compare without trailing ones.
        CHECK(trim_end(mail.text("text/plain")) == "Hi,\n\nThe register for Friday's trip is on my desk.\n\nJo");
        CHECK(mail.header_count("X-Chaperone-Disclaimer") == 0);
        CHECK(mail.header("X-Chaperone").find("internal") != std::string::npos);
    }
    {  // signed mail: body byte-identical, marked by header
        const CapturedMail& mail = *by_id.at("signed-1@school.example");
        std::string original = read_file(stack.message_path("signed-external.eml"));
        std::string original_body = original.substr(original.find("\n\n") + 2);
        std::string delivered_body = mail.raw().substr(mail.raw().find("\n\n") + 2);
        // smtp-sink appends one empty line after the message.
        CHECK(delivered_body.rfind(original_body, 0) == 0);
        CHECK(count_of(mail.raw(), kFooterWords) == 0);
        CHECK(mail.header("X-Chaperone-Disclaimer") == "signed-or-encrypted");
    }
    {  // already footed: not footed twice
        const CapturedMail& mail = *by_id.at("trip-4-re@school.example");
        CHECK(count_of(mail.text("text/plain"), kFooterWords) == 1);
        CHECK(mail.header("X-Chaperone-Disclaimer") == "already-present");
    }

    // SIGTERM (systemctl stop) stops the milter cleanly: libmilter's signal thread gets it,
    // not one of ours, and the last counts reach the store for the dashboard and report.
    stack.milter.stop_cleanly();
    CHECK_THAT(stack.milter.log_text(), Catch::Contains("stopped (smfi_main returned 0)"));
    RunResult report = run_command({binary("chaperone").string(), "report", "--json", "--weeks", "1", "--config",
                                    stack.milter.config_file().string()},
                                   std::chrono::seconds(30));
    INFO(report.output);
    REQUIRE(report.exit_code == 0);
    CHECK_THAT(report.output, Catch::Contains("\"scanned\": 4"));
    CHECK_THAT(report.output, Catch::Contains("\"delivered\": 4"));
}

TEST_CASE("milter killed: Postfix answers 4xx and nothing passes unchecked", "[e2e][failclosed]") {
    E2EStack stack("killed");
    REQUIRE(stack.error.empty());
    REQUIRE(stack.send("j.bloggs@school.example", "parent@parents.example", "alternative-external.eml").accepted);
    REQUIRE(stack.sink.wait_for(1, std::chrono::seconds(60)) == 1);

    stack.milter.kill_now();
    SendResult refused = stack.send("j.bloggs@school.example", "parent@parents.example", "alternative-external.eml");
    CHECK_FALSE(refused.accepted);
    INFO(refused.output);
    CHECK(refused.output.find("<** 451") != std::string::npos);
    CHECK(stack.sink.wait_for(2, std::chrono::seconds(3)) == 1);
    CHECK(stack.postfix->queue_count() == 0);
}

TEST_CASE("many concurrent SMTP sessions: every external message footed exactly once", "[e2e][concurrency]") {
    E2EStack stack("concurrent");
    REQUIRE(stack.error.empty());
    // smtp-source: 20 parallel sessions, 200 messages, each to a distinct external recipient.
    RunResult sent = run_command({"/usr/sbin/smtp-source", "-s", "20", "-m", "200", "-N", "-M", "client.school.example",
                                  "-f", "j.bloggs@school.example", "-t", "parent@parents.example", "-F",
                                  stack.message_path("alternative-external.eml").string(),
                                  "127.0.0.1:" + std::to_string(stack.postfix->smtpd_port())},
                                 std::chrono::seconds(120));
    INFO(sent.output);
    REQUIRE(sent.exit_code == 0);
    REQUIRE(stack.sink.wait_for(200, std::chrono::seconds(120)) == 200);
    std::set<std::string> recipients;
    for (const auto& file : stack.sink.files()) {
        CapturedMail mail(file);
        for (const auto& r : mail.recipients()) recipients.insert(r);
        CHECK(count_of(mail.text("text/plain"), kFooterWords) == 1);
        CHECK(count_of(mail.text("text/html"), kFooterWords) == 1);
        CHECK(mail.header_count("X-Chaperone-Disclaimer") == 1);
    }
    CHECK(recipients.size() == 200);  // -N numbered every recipient: none lost, none doubled
    CHECK(stack.postfix->queue_count() == 0);
}
