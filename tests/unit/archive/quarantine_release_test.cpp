// Releasing held messages: exactly once, even when releases race in threads or processes;
// a relay that refuses leaves the message held; a broken connection after the final dot
// leaves it in `releasing`, never sent again without the DPO's explicit --force-stuck.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <thread>

#include "archive/quarantine/release.h"
#include "fake_smtp_server.h"
#include "quarantine_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::test;

namespace {

std::string relay_config(const FakeSmtpServer& relay, int timeout_seconds = 5) {
    return fmt::format("[release]\nrelay = \"{}\"\ntimeout_seconds = {}\n", relay.endpoint(), timeout_seconds);
}

QuarantineId hold_one(const TestArchive& archive, const std::string& tag = "r") {
    auto held = archive.open(StoreRole::milter)->quarantine().hold(hold_request(tag));
    REQUIRE(held.is_ok());
    return held->id;
}

}  // namespace

TEST_CASE("release sends the held message once, as stored, to the original recipients", "[quarantine][release]") {
    FakeSmtpServer relay;
    TestArchive archive("q-release", false, relay_config(relay));
    QuarantineId id = hold_one(archive);
    auto store = archive.open();
    auto released = release_held_message(store->quarantine(), archive.config(), id, Actor{"dpo.jones", "cli"},
                                         "parent asked for the form");
    REQUIRE(released.is_ok());
    CHECK(released->outcome == ReleaseOutcome::sent);
    CHECK(released->relay_reply == "250 2.0.0 Ok: queued as FAKE1");

    auto mails = relay.messages();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].mail_from == "<j.bloggs@school.example>");
    CHECK(mails[0].recipients == std::vector<std::string>{"admissions@council.example"});
    std::string expected = "X-Chaperone-Released: " + std::to_string(id) + "\n" + hold_request("r").raw_message;
    std::string crlf;
    for (char c : expected) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(mails[0].data == crlf);

    auto entry = store->quarantine().find(id);
    CHECK(entry->state == QuarantineState::released);
    CHECK(entry->decided_by == "dpo.jones");
    CHECK(entry->decision_reason == "parent asked for the form");
    CHECK(entry->blob_id.empty());  // the message is gone from the quarantine
    CHECK(quarantine_blob_files(archive) == 0);

    // Who, when, why: the claim and the outcome, in the audit log.
    auto log = store->audit().list(0, 1000);
    REQUIRE(log.is_ok());
    std::vector<std::string> actions;
    for (const auto& r : *log)
        if (r.action.rfind("quarantine.release", 0) == 0) {
            actions.push_back(r.action);
            CHECK(r.actor == "dpo.jones");
            CHECK(r.target == "quarantine " + std::to_string(id));
        }
    CHECK(actions == std::vector<std::string>{"quarantine.release", "quarantine.released"});
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.release' AND "
                          "json_extract(details, '$.reason') = 'parent asked for the form'") == 1);

    // A second release fails clearly and sends nothing.
    auto again = release_held_message(store->quarantine(), archive.config(), id, Actor{"dpo.jones", "cli"}, "again");
    REQUIRE_FALSE(again.is_ok());
    CHECK(again.status().code() == Errc::conflict);
    CHECK(again.error_message() == "held message " + std::to_string(id) + " was already released");
    CHECK(relay.messages().size() == 1);
}

TEST_CASE("two releases racing in threads send once", "[quarantine][release][race]") {
    FakeSmtpServer relay;
    relay.set_dot_delay(std::chrono::milliseconds(300));  // the first release is mid-send when the second claims
    TestArchive archive("q-race-threads", false, relay_config(relay));
    for (int round = 0; round < 5; ++round) {
        QuarantineId id = hold_one(archive, "t" + std::to_string(round));
        auto a = archive.open();
        auto b = archive.open();
        std::atomic<int> sent{0}, conflicts{0};
        auto release = [&](Store& s) {
            auto r = release_held_message(s.quarantine(), archive.config(), id, test_actor(), "race");
            if (r.is_ok() && r->outcome == ReleaseOutcome::sent) ++sent;
            else if (!r.is_ok() && r.status().code() == Errc::conflict) ++conflicts;
        };
        std::thread t1([&] { release(*a); });
        std::thread t2([&] { release(*b); });
        std::thread t3([&] { release(*a); });
        t1.join();
        t2.join();
        t3.join();
        CHECK(sent == 1);
        CHECK(conflicts == 2);
    }
    CHECK(relay.messages().size() == 5);
}

TEST_CASE("two releases racing in two processes (the CLI) send once", "[quarantine][release][race][cli]") {
    FakeSmtpServer relay;
    relay.set_dot_delay(std::chrono::milliseconds(500));
    TestArchive archive("q-race-procs", false, relay_config(relay));
    QuarantineId id = hold_one(archive);
    std::string args = fmt::format("quarantine release {} --reason \"checked with the parent\" --config {}", id,
                                   archive.config_file().string());
    CliResult r1, r2;
    std::thread t1([&] { r1 = run_cli(args); });
    std::thread t2([&] { r2 = run_cli(args); });
    t1.join();
    t2.join();
    INFO(r1.out << r1.err << r2.out << r2.err);
    CHECK(relay.messages().size() == 1);
    CHECK(std::min(r1.exit_code, r2.exit_code) == 0);
    CHECK(std::max(r1.exit_code, r2.exit_code) == 2);
    const CliResult& loser = r1.exit_code == 2 ? r1 : r2;
    const CliResult& winner = r1.exit_code == 0 ? r1 : r2;
    CHECK(winner.out == fmt::format("released quarantine {}: 250 2.0.0 Ok: queued as FAKE1\n", id));
    // The loser saw either the claim in progress or the finished release.
    bool clear = loser.err.find("was already releasing") != std::string::npos ||
                 loser.err.find("was already released") != std::string::npos;
    CHECK(clear);
    CHECK(std::count(loser.err.begin(), loser.err.end(), '\n') == 1);
}

TEST_CASE("a relay that refuses or is down leaves the message held, to be released later", "[quarantine][release]") {
    FakeSmtpServer relay(SmtpBehaviour::fail_message);
    TestArchive archive("q-refused", false, relay_config(relay));
    QuarantineId id = hold_one(archive);
    auto store = archive.open();
    auto refused = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "try");
    REQUIRE(refused.is_ok());
    CHECK(refused->outcome == ReleaseOutcome::not_sent);
    CHECK(refused->relay_reply == "message body: the relay answered 554 5.7.1 Message refused");
    CHECK(store->quarantine().find(id)->state == QuarantineState::held);
    CHECK(quarantine_blob_files(archive) == 1);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.release-failed'") == 1);

    relay.set_behaviour(SmtpBehaviour::refuse_recipient);
    auto rcpt = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "try");
    REQUIRE(rcpt.is_ok());
    CHECK(rcpt->outcome == ReleaseOutcome::not_sent);
    CHECK(store->quarantine().find(id)->state == QuarantineState::held);

    relay.set_behaviour(SmtpBehaviour::accept);
    auto ok = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "try again");
    REQUIRE(ok.is_ok());
    CHECK(ok->outcome == ReleaseOutcome::sent);
    CHECK(relay.messages().size() == 1);

    // Nothing listening at all.
    int closed_port = 0;
    {
        FakeSmtpServer gone;
        closed_port = gone.port();
    }
    TestArchive down("q-down", false, fmt::format("[release]\nrelay = \"127.0.0.1:{}\"\n", closed_port));
    QuarantineId id2 = hold_one(down);
    auto down_store = down.open();
    auto unreachable = release_held_message(down_store->quarantine(), down.config(), id2, test_actor(), "x");
    REQUIRE(unreachable.is_ok());
    CHECK(unreachable->outcome == ReleaseOutcome::not_sent);
    CHECK(unreachable->relay_reply.rfind("connect: cannot connect to 127.0.0.1:", 0) == 0);
    CHECK(down_store->quarantine().find(id2)->state == QuarantineState::held);
}

TEST_CASE("a connection lost after the final dot: stays releasing, never resent without --force-stuck",
          "[quarantine][release][unknown]") {
    FakeSmtpServer relay(SmtpBehaviour::drop_after_dot);
    TestArchive archive("q-unknown", false, relay_config(relay));
    QuarantineId id = hold_one(archive);
    auto store = archive.open();
    auto lost = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "x");
    REQUIRE(lost.is_ok());
    CHECK(lost->outcome == ReleaseOutcome::unknown);
    auto entry = store->quarantine().find(id);
    CHECK(entry->state == QuarantineState::releasing);
    CHECK_FALSE(entry->blob_id.empty());
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.release-unknown'") == 1);

    relay.set_behaviour(SmtpBehaviour::accept);
    auto plain = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "x");
    REQUIRE_FALSE(plain.is_ok());
    CHECK(plain.status().code() == Errc::conflict);
    CHECK_THAT(plain.error_message(), Catch::Contains("was already releasing"));
    // Forcing is refused while the release could still be running...
    auto early = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "x", true);
    REQUIRE_FALSE(early.is_ok());
    CHECK_THAT(early.error_message(), Catch::Contains("may still be running"));
    // ... and allowed once it is certainly dead; the DPO accepts a possible second copy.
    archive.sql("UPDATE quarantine SET decided_at = '2020-01-01T00:00:00+00:00' WHERE id = " + std::to_string(id));
    auto forced = release_held_message(store->quarantine(), archive.config(), id, test_actor(), "checked relay log", true);
    REQUIRE(forced.is_ok());
    CHECK(forced->outcome == ReleaseOutcome::sent);
    CHECK(store->quarantine().find(id)->state == QuarantineState::released);
    CHECK(relay.messages().size() == 1);
    // force-stuck on an entry that is not stuck is refused.
    QuarantineId other = hold_one(archive, "other");
    auto not_stuck = store->quarantine().claim_release(other, test_actor(), "x", true);
    REQUIRE_FALSE(not_stuck.is_ok());
    CHECK_THAT(not_stuck.error_message(), Catch::Contains("is held, not stuck in releasing"));
}

TEST_CASE("a stale claim cannot finish a release that was taken over", "[quarantine][release]") {
    TestArchive archive("q-token", false);
    QuarantineId id = hold_one(archive);
    auto store = archive.open();
    auto claim = store->quarantine().claim_release(id, test_actor(), "first");
    REQUIRE(claim.is_ok());
    CHECK(claim->raw_message == hold_request("r").raw_message);
    auto second = store->quarantine().claim_release(id, test_actor(), "second");
    CHECK(second.status().code() == Errc::conflict);
    CHECK(store->quarantine().finish_release(id, "not-the-token", ReleaseOutcome::sent, test_actor(), "").code() ==
          Errc::conflict);
    CHECK(store->quarantine().find(id)->state == QuarantineState::releasing);
    REQUIRE(store->quarantine().finish_release(id, claim->token, ReleaseOutcome::sent, test_actor(), "250").is_ok());
    CHECK(store->quarantine().find(id)->state == QuarantineState::released);
}
