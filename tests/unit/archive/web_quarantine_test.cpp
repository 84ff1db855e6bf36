// The DPO's quarantine through the web console: the queue with counts per rule, a held
// message with its findings highlighted (and everything else escaped), release through the
// shared release path to a relay exactly once — also when two browsers race — discard,
// bulk actions, a required reason, and a relay that refuses.
#include <catch2/catch.hpp>

#include <future>

#include "archive/web/html.h"
#include "pii/extract/message_extractor.h"
#include "web_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::Browser;
using chaperone::test::FakeRelay;
using chaperone::test::WebConsole;

namespace {

std::string relay_toml(const FakeRelay& relay) {
    return "[release]\nrelay = \"127.0.0.1:" + std::to_string(relay.port()) + "\"\ntimeout_seconds = 5\n"
           "[quarantine]\nnotify_sender = false\n";
}

std::string held_message(int n) {
    return "From: Mrs Ann Teacher <a.teacher@school.example>\nTo: ben.carter@clinic.example\n"
           "Subject: Referral " + std::to_string(n) + "\nMessage-ID: <held-" + std::to_string(n) + "@school.example>\n"
           "Date: Mon, 18 Mar 2024 10:20:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
           "Content-Transfer-Encoding: 8bit\n\n"
           "Dear Dr Carter, I refer Zoë Dupré (date of birth 12/04/2015). <script>alert(1)</script>\n";
}

// Holds a message with findings at their real offsets in the extracted body text.
QuarantineId hold(WebConsole& web, int n, std::vector<std::string> rules) {
    std::string raw = held_message(n);
    auto parsed = pii::MimeMessage::parse(raw);
    REQUIRE(parsed.is_ok());
    auto x = pii::extract_message(*parsed, pii::ExtractionLimits{});
    REQUIRE_FALSE(x.texts.empty());
    const std::string& body = x.texts[0].text;
    auto offsets = [&](const std::string& s) {
        auto at = body.find(s);
        REQUIRE(at != std::string::npos);
        return std::pair<std::uint64_t, std::uint64_t>{at, at + s.size()};
    };
    HoldRequest h;
    h.fingerprint = "fingerprint-" + std::to_string(n);
    h.received_at = now_utc();
    h.queue_id = "QID" + std::to_string(n);
    h.envelope_from = "a.teacher@school.example";
    h.envelope_to = {"ben.carter@clinic.example"};
    h.header_from = "Mrs Ann Teacher <a.teacher@school.example>";
    h.subject = "Referral " + std::to_string(n);
    h.message_id = "<held-" + std::to_string(n) + "@school.example>";
    for (const auto& r : rules) h.rules.push_back({r, "quarantine", "personal data of a pupil in the open"});
    auto [d0, d1] = offsets("12/04/2015");
    auto [n0, n1] = offsets("Zoë Dupré");
    h.findings = {{"dob", "body", d0, d1, 0.95, rules}, {"person_name", "body", n0, n1, 0.99, rules}};
    h.pupil_upns = {"B801200005001"};
    h.raw_message = raw;
    auto held = web.store().quarantine().hold(h);
    INFO(held.error_message());
    REQUIRE(held.is_ok());
    return held->id;
}

std::string state_of(WebConsole& web, QuarantineId id) {
    auto e = web.store().quarantine().find(id);
    REQUIRE(e.is_ok());
    return std::string(quarantine_state_name(e->state));
}

}  // namespace

TEST_CASE("web quarantine: queue, findings in context, release exactly once, discard, reasons", "[web][quarantine]") {
    FakeRelay relay;
    WebConsole web("web-quarantine", "login_attempts_per_minute = 100\n", relay_toml(relay));
    QuarantineId first = hold(web, 1, {"pii-in-body"});
    QuarantineId second = hold(web, 2, {"pii-in-body", "other-family"});
    Browser dpo(web.port());
    REQUIRE(dpo.sign_in("dora") == 303);

    auto queue = dpo.get("/quarantine");
    REQUIRE(queue);
    CHECK(queue->status == 200);
    CHECK_THAT(queue->body, Catch::Contains("2 message(s), newest first"));
    CHECK_THAT(queue->body, Catch::Contains("<code>other-family</code></a></th><td class=\"num\">1</td>"));
    CHECK_THAT(queue->body, Catch::Contains("<code>pii-in-body</code></a></th><td class=\"num\">2</td>"));
    CHECK(queue->body.find("/quarantine/" + std::to_string(second)) < queue->body.find("/quarantine/" + std::to_string(first)));
    auto filtered = dpo.get("/quarantine?state=waiting&rule=other-family");
    CHECK_THAT(filtered->body, Catch::Contains("1 message(s), newest first"));

    auto view = dpo.get("/quarantine/" + std::to_string(first));
    REQUIRE(view);
    CHECK(view->status == 200);
    CHECK_THAT(view->body, Catch::Contains("<mark class=\"finding\">12/04/2015<span class=\"finding__kind\">date of birth</span></mark>"));
    CHECK_THAT(view->body, Catch::Contains("<mark class=\"finding\">Zoë Dupré<span class=\"finding__kind\">name</span></mark>"));
    CHECK_THAT(view->body, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(view->body.find("<script>") == std::string::npos);
    CHECK_THAT(view->body, Catch::Contains("Zoë Dupré (B801200005001)"));  // pupils concerned
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.show' AND actor = 'dora' "
                                "AND channel = 'web'") == 1);

    std::string csrf = dpo.csrf("/quarantine");
    auto no_reason = dpo.post("/quarantine/" + std::to_string(first) + "/decide", {{"csrf", csrf}, {"action", "release"}, {"reason", "  "}});
    REQUIRE(no_reason);
    CHECK(no_reason->status == 400);
    CHECK_THAT(no_reason->body, Catch::Contains("Give a reason"));
    CHECK(state_of(web, first) == "held");
    CHECK(relay.messages().empty());

    auto released = dpo.post("/quarantine/" + std::to_string(first) + "/decide",
                             {{"csrf", csrf}, {"action", "release"}, {"reason", "The parent asked for the referral."}});
    REQUIRE(released);
    CHECK(released->status == 303);
    CHECK(released->get_header_value("Location") == "/quarantine?done=released");
    CHECK(state_of(web, first) == "released");
    auto sent = relay.messages();
    REQUIRE(sent.size() == 1);
    CHECK_THAT(sent[0], Catch::Contains("X-Chaperone-Released: " + std::to_string(first)));
    CHECK_THAT(sent[0], Catch::Contains("Subject: Referral 1"));
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.release' AND actor = 'dora' "
                                "AND details LIKE '%The parent asked for the referral.%'") == 1);

    // A second release of the same message sends nothing.
    auto again = dpo.post("/quarantine/" + std::to_string(first) + "/decide",
                          {{"csrf", csrf}, {"action", "release"}, {"reason", "again"}});
    REQUIRE(again);
    CHECK(again->status == 409);
    CHECK_THAT(again->body, Catch::Contains("was already decided"));
    CHECK(relay.messages().size() == 1);

    auto discarded = dpo.post("/quarantine/" + std::to_string(second) + "/decide",
                              {{"csrf", csrf}, {"action", "discard"}, {"reason", "Wrong family; resent correctly."}});
    REQUIRE(discarded);
    CHECK(discarded->status == 303);
    CHECK(state_of(web, second) == "discarded");
    CHECK(relay.messages().size() == 1);
    auto gone = dpo.get("/quarantine/" + std::to_string(second));
    CHECK_THAT(gone->body, Catch::Contains("The message itself is no longer kept: it was discarded."));
    auto history = dpo.get("/quarantine?state=discarded");
    CHECK_THAT(history->body, Catch::Contains("discarded by dora"));
    CHECK(dpo.get("/quarantine/999999")->status == 404);
}

TEST_CASE("web quarantine: two browsers releasing one message at once send it once", "[web][quarantine]") {
    FakeRelay relay;
    WebConsole web("web-quarantine-race", "login_attempts_per_minute = 100\n", relay_toml(relay));
    QuarantineId id = hold(web, 7, {"pii-in-body"});
    Browser a(web.port()), b(web.port());
    REQUIRE(a.sign_in("dora") == 303);
    REQUIRE(b.sign_in("adam") == 303);
    std::string ca = a.csrf("/quarantine"), cb = b.csrf("/quarantine");
    std::string path = "/quarantine/" + std::to_string(id) + "/decide";
    auto fa = std::async(std::launch::async, [&] { return a.post(path, {{"csrf", ca}, {"action", "release"}, {"reason", "a"}})->status; });
    auto fb = std::async(std::launch::async, [&] { return b.post(path, {{"csrf", cb}, {"action", "release"}, {"reason", "b"}})->status; });
    std::multiset<int> statuses{fa.get(), fb.get()};
    CHECK(statuses == std::multiset<int>{303, 409});
    CHECK(relay.messages().size() == 1);
    CHECK(state_of(web, id) == "released");
}

TEST_CASE("web quarantine: bulk discard and release; a refusing relay leaves the message held", "[web][quarantine]") {
    FakeRelay relay("554 5.7.1 relay says no");
    WebConsole web("web-quarantine-bulk", "login_attempts_per_minute = 100\n", relay_toml(relay));
    QuarantineId a = hold(web, 11, {"pii-in-body"}), b = hold(web, 12, {"pii-in-body"}), c = hold(web, 13, {"pii-in-body"});
    Browser dpo(web.port());
    REQUIRE(dpo.sign_in("dora") == 303);
    std::string csrf = dpo.csrf("/quarantine");
    httplib::Params none = {{"csrf", csrf}, {"action", "discard"}, {"reason", "x"}};
    auto empty = dpo.post("/quarantine/bulk", none);
    CHECK(empty->status == 400);
    CHECK_THAT(empty->body, Catch::Contains("Select at least one message."));
    httplib::Params no_reason = {{"csrf", csrf}, {"action", "discard"}, {"id", std::to_string(a)}};
    CHECK(dpo.post("/quarantine/bulk", no_reason)->status == 400);
    CHECK(state_of(web, a) == "held");

    httplib::Params discard = {{"csrf", csrf}, {"action", "discard"}, {"reason", "duplicates"},
                               {"id", std::to_string(a)}, {"id", std::to_string(b)}};
    auto done = dpo.post("/quarantine/bulk", discard);
    REQUIRE(done);
    CHECK(done->status == 200);
    CHECK_THAT(done->body, Catch::Contains("<h1>2 of 2 message(s) discarded</h1>"));
    CHECK(state_of(web, a) == "discarded");
    CHECK(state_of(web, b) == "discarded");

    httplib::Params release = {{"csrf", csrf}, {"action", "release"}, {"reason", "try"}, {"id", std::to_string(c)},
                               {"id", std::to_string(a)}};
    auto refused = dpo.post("/quarantine/bulk", release);
    REQUIRE(refused);
    CHECK_THAT(refused->body, Catch::Contains("<h1>0 of 2 message(s) released</h1>"));
    CHECK_THAT(refused->body, Catch::Contains("the mail relay refused it ("));
    CHECK_THAT(refused->body, Catch::Contains("554 5.7.1 relay says no"));
    CHECK_THAT(refused->body, Catch::Contains("It is still held"));
    CHECK_THAT(refused->body, Catch::Contains("was already decided"));
    CHECK(state_of(web, c) == "held");
}
