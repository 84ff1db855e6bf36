// The SMTP client: dot-stuffing, multiline replies, HELO fallback, 8BITMIME, refusals at each
// stage, and bounded waits on a server that hangs.
#include <catch2/catch.hpp>

#include <chrono>

#include "archive/smtp/smtp_client.h"
#include "fake_smtp_server.h"

using namespace chaperone;
using namespace chaperone::archive::smtp;
using namespace chaperone::test;

namespace {
SmtpEndpoint endpoint_of(const FakeSmtpServer& server) { return SmtpEndpoint{"127.0.0.1", server.port()}; }
SmtpOptions quick(int ms = 2000) {
    SmtpOptions o;
    o.helo = "chaperone.school.example";
    o.timeout = std::chrono::milliseconds(ms);
    return o;
}
}  // namespace

TEST_CASE("dot-stuffing and line ends", "[smtp]") {
    const std::pair<const char*, const char*> rows[] = {
        {"a\nb\n", "a\r\nb\r\n.\r\n"},
        {"a\r\nb", "a\r\nb\r\n.\r\n"},
        {".hidden\n..two\n.\n", "..hidden\r\n...two\r\n..\r\n.\r\n"},
        {"x\n.\ny", "x\r\n..\r\ny\r\n.\r\n"},
        {"", ".\r\n"},
        {"mid.dle\n", "mid.dle\r\n.\r\n"},
    };
    for (const auto& [in, out] : rows) {
        INFO(in);
        CHECK(dot_stuffed(in) == out);
    }
}

TEST_CASE("endpoints parse host and port", "[smtp]") {
    CHECK(parse_smtp_endpoint("127.0.0.1:10027")->port == 10027);
    CHECK(parse_smtp_endpoint("127.0.0.1:10027")->host == "127.0.0.1");
    CHECK(parse_smtp_endpoint("mail.school.example")->port == 25);
    CHECK(parse_smtp_endpoint("[::1]:2525")->host == "::1");
    CHECK(parse_smtp_endpoint("[::1]:2525")->port == 2525);
    for (const char* bad : {"", ":25", "host:port", "host:0", "host:70000", "[::1", "[::1]x"}) {
        INFO(bad);
        CHECK_FALSE(parse_smtp_endpoint(bad).is_ok());
    }
}

TEST_CASE("a message goes through whole, dot-stuffed and restored", "[smtp]") {
    FakeSmtpServer server(SmtpBehaviour::multiline_greeting);
    std::string message = "Subject: dots\n\n.leading dot\n..two\nend\n";
    SmtpOutcome r = smtp_send(endpoint_of(server), {"a@school.example", {"b@x.example", "c@y.example"}, message}, quick());
    INFO(r.error);
    CHECK(r.delivered);
    CHECK(r.final_dot_sent);
    CHECK(r.stage == SmtpStage::done);
    CHECK(r.code == 250);
    CHECK(r.reply == "250 2.0.0 Ok: queued as FAKE1");
    auto mails = server.messages();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].helo == "chaperone.school.example");
    CHECK(mails[0].mail_from == "<a@school.example>");
    CHECK(mails[0].recipients == std::vector<std::string>{"b@x.example", "c@y.example"});
    CHECK(mails[0].data == "Subject: dots\r\n\r\n.leading dot\r\n..two\r\nend\r\n");
}

TEST_CASE("8-bit messages ask for 8BITMIME; the null sender is <>; HELO when EHLO is refused", "[smtp]") {
    FakeSmtpServer server;
    SmtpOutcome r = smtp_send(endpoint_of(server), {"", {"b@x.example"}, "Subject: caf\xC3\xA9\n\nx\n"}, quick());
    CHECK(r.delivered);
    REQUIRE(server.messages().size() == 1);
    CHECK(server.messages()[0].mail_from == "<> BODY=8BITMIME");

    FakeSmtpServer old(SmtpBehaviour::no_ehlo);
    r = smtp_send(endpoint_of(old), {"a@school.example", {"b@x.example"}, "Subject: caf\xC3\xA9\n\nx\n"}, quick());
    CHECK(r.delivered);
    REQUIRE(old.messages().size() == 1);
    CHECK(old.messages()[0].mail_from == "<a@school.example>");  // no 8BITMIME offered, none asked
}

TEST_CASE("refusals say where and why, and whether the message could have been taken", "[smtp]") {
    FakeSmtpServer refuse(SmtpBehaviour::refuse_recipient);
    SmtpOutcome r = smtp_send(endpoint_of(refuse), {"a@school.example", {"b@x.example"}, "x\n"}, quick());
    CHECK_FALSE(r.delivered);
    CHECK_FALSE(r.final_dot_sent);
    CHECK(r.stage == SmtpStage::rcpt);
    CHECK(r.code == 550);
    CHECK(r.error == "RCPT TO: the relay answered 550 5.1.1 <nobody>: Recipient address rejected");
    CHECK(refuse.messages().empty());

    FakeSmtpServer fail(SmtpBehaviour::fail_message);
    r = smtp_send(endpoint_of(fail), {"a@school.example", {"b@x.example"}, "x\n"}, quick());
    CHECK_FALSE(r.delivered);
    CHECK(r.final_dot_sent);
    CHECK(r.final_dot_answered);
    CHECK_FALSE(r.outcome_unknown());
    CHECK(r.code == 554);

    FakeSmtpServer drop(SmtpBehaviour::drop_after_dot);
    r = smtp_send(endpoint_of(drop), {"a@school.example", {"b@x.example"}, "x\n"}, quick());
    CHECK_FALSE(r.delivered);
    CHECK(r.outcome_unknown());
    CHECK(r.error == "message body: the relay closed the connection");

    // Bad addresses never reach the wire.
    r = smtp_send(endpoint_of(fail), {"a@school.example", {"b@x.example>\r\nRCPT TO:<c@y.example"}, "x\n"}, quick());
    CHECK(r.stage == SmtpStage::rcpt);
    CHECK(r.error == "RCPT TO: malformed recipient address");
    r = smtp_send(endpoint_of(fail), {"a@school.example", {}, "x\n"}, quick());
    CHECK(r.error == "RCPT TO: no recipients");
}

TEST_CASE("a server that never answers is given up on within the timeout", "[smtp][timeout]") {
    FakeSmtpServer silent(SmtpBehaviour::silent);
    auto start = std::chrono::steady_clock::now();
    SmtpOutcome r = smtp_send(endpoint_of(silent), {"a@school.example", {"b@x.example"}, "x\n"}, quick(300));
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK_FALSE(r.delivered);
    CHECK(r.stage == SmtpStage::greeting);
    CHECK(r.error == "greeting: timed out waiting for the relay's reply");
    CHECK(elapsed < std::chrono::seconds(2));

    // The overall bound: a slow server answering each step within `timeout` is still cut off.
    FakeSmtpServer slow;
    slow.set_dot_delay(std::chrono::milliseconds(2500));
    SmtpOptions bounded = quick(3000);  // each step alone would be allowed 3 s
    bounded.overall = std::chrono::milliseconds(600);
    start = std::chrono::steady_clock::now();
    r = smtp_send(endpoint_of(slow), {"a@school.example", {"b@x.example"}, "x\n"}, bounded);
    CHECK_FALSE(r.delivered);
    CHECK(r.outcome_unknown());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1500));

    int closed = 0;
    {
        FakeSmtpServer gone;
        closed = gone.port();
    }
    r = smtp_send(SmtpEndpoint{"127.0.0.1", closed}, {"a@school.example", {"b@x.example"}, "x\n"}, quick());
    CHECK(r.stage == SmtpStage::connect);
    CHECK(r.error.find("Connection refused") != std::string::npos);
}
