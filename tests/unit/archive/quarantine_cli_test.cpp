// `chaperone quarantine` as a subprocess: JSON shapes, show with redacted context, release
// and discard with reasons, expire, and one clear line with exit 2 for every bad input.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <thread>

#include "fake_smtp_server.h"
#include "quarantine_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::test;

namespace {
std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
// A usage error's line (command.h: usage_error() points to the help).
std::string usage(const std::string& what) { return "chaperone: " + what + " (see 'chaperone help')\n"; }
}  // namespace

TEST_CASE("cli quarantine: list JSON newest first, show with context, release and discard", "[quarantine][cli]") {
    FakeSmtpServer relay;
    TestArchive archive("q-cli", false, "[release]\nrelay = \"" + relay.endpoint() + "\"\ntimeout_seconds = 5\n");
    {
        auto store = archive.open(StoreRole::milter);
        REQUIRE(store->quarantine().hold(hold_request("one", Timestamp{1740996000, 0})).is_ok());
        REQUIRE(store->quarantine().hold(hold_request("two", Timestamp{1740996600, 0})).is_ok());
    }
    std::string config = " --config " + archive.config_file().string();

    auto list = run_cli("quarantine list --json" + config);
    INFO(list.err);
    REQUIRE(list.exit_code == 0);
    auto j = nlohmann::json::parse(list.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 2);
    CHECK(j[0]["id"] == 2);
    CHECK(j[0]["date"] == "2025-03-03T10:10:00+00:00");
    CHECK(j[0]["from"] == "Jo Bloggs <j.bloggs@school.example>");
    CHECK(j[0]["to"] == nlohmann::json::array({"admissions@council.example"}));
    CHECK(j[0]["subject"] == "Trip insurance two");
    CHECK(j[0]["rules"] == nlohmann::json::array({"pii-in-body"}));
    CHECK(j[0]["state"] == "held");
    CHECK(j[0]["notice"] == "pending");
    CHECK(j[1]["id"] == 1);
    CHECK(list.out.find("14/03/2016") == std::string::npos);

    auto text = run_cli("quarantine list" + config);
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("rules: pii-in-body"));

    auto show = run_cli("quarantine show 1 --json" + config);
    INFO(show.err);
    REQUIRE(show.exit_code == 0);
    auto s = nlohmann::json::parse(show.out);
    REQUIRE(s["findings"].size() == 2);
    // Offsets are of the extracted body text, which starts with the Subject line.
    CHECK(s["findings"][1]["kind"] == "dob");
    CHECK(s["text"].get<std::string>().find("date of birth 14/03/2016") != std::string::npos);
    for (const auto& f : s["findings"]) CHECK(f["context"].get<std::string>().find("14/03/2016") == std::string::npos);

    auto bad_release = run_cli("quarantine release 1" + config);
    CHECK(bad_release.exit_code == 2);
    CHECK(bad_release.err == usage("quarantine release: --reason TEXT is required (why it may go out)"));

    auto released = run_cli("quarantine release 1 --reason \"checked with the DPO\"" + config);
    INFO(released.err);
    CHECK(released.exit_code == 0);
    CHECK(released.out == "released quarantine 1: 250 2.0.0 Ok: queued as FAKE1\n");
    CHECK(relay.messages().size() == 1);
    auto again = run_cli("quarantine release 1 --reason \"twice\"" + config);
    CHECK(again.exit_code == 2);
    CHECK(again.err == "chaperone: held message 1 was already released\n");
    CHECK(again.out.empty());
    CHECK(relay.messages().size() == 1);

    auto discarded = run_cli("quarantine discard 2 --reason \"wrong family\"" + config);
    CHECK(discarded.exit_code == 0);
    CHECK(discarded.out == "discarded quarantine 2\n");
    auto after = nlohmann::json::parse(run_cli("quarantine list --json --state discarded" + config).out);
    REQUIRE(after.size() == 1);
    CHECK(after[0]["decision_reason"] == "wrong family");
    CHECK(after[0]["decided_by"] == current_os_actor().name);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.discard' AND channel = 'cli'") == 1);
}

TEST_CASE("cli quarantine: bad input is one line and exit 2", "[quarantine][cli]") {
    TestArchive archive("q-cli-bad", false);
    REQUIRE(archive.open(StoreRole::milter)->quarantine().hold(hold_request("x")).is_ok());
    std::string config = " --config " + archive.config_file().string();
    struct Case {
        std::string args;
        std::string err;
    };
    const Case cases[] = {
        {"quarantine" + config, usage("quarantine: expected list, show, release, discard or expire")},
        {"quarantine purge" + config, usage("quarantine: unknown subcommand 'purge' (list, show, release, discard, expire)")},
        {"quarantine show 99" + config, "chaperone: no held message 99\n"},
        {"quarantine discard 99 --reason x" + config, "chaperone: no held message 99\n"},
        {"quarantine show abc" + config, usage("quarantine show: 'abc' is not a quarantine ID (a number, as `quarantine list` shows)")},
        {"quarantine show" + config, usage("quarantine show: expected exactly one quarantine ID")},
        {"quarantine list --colour red" + config, usage("unknown option --colour")},
        {"quarantine list --state lost" + config, usage("--state: expected held, releasing, released, discarded or all, got 'lost'")},
        {"quarantine list --limit 0" + config, usage("--limit: expected a number from 1 to 100000, got '0'")},
        {"quarantine discard 1" + config, usage("quarantine discard: --reason TEXT is required (why it must not go out)")},
        {"quarantine discard 1 --reason \"  \"" + config, usage("quarantine discard: --reason TEXT is required (why it must not go out)")},
        {"quarantine expire now" + config, usage("quarantine expire: unexpected argument 'now'")},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        auto r = run_cli(c.args);
        CHECK(r.exit_code == 2);
        CHECK(r.err == c.err);
        CHECK(r.out.empty());
    }
    // Missing secret key: show and release need it; list does not.
    std::filesystem::rename(archive.dir() / "keys/archive.key", archive.dir() / "keys/moved.key");
    auto no_key = run_cli("quarantine show 1" + config);
    CHECK(no_key.exit_code == 2);
    CHECK(lines(no_key.err) == 1);
    CHECK_THAT(no_key.err, Catch::Contains("archive.key"));
    CHECK(run_cli("quarantine list" + config).exit_code == 0);
    std::filesystem::rename(archive.dir() / "keys/moved.key", archive.dir() / "keys/archive.key");

    // A database another process holds locked past busy_timeout (1 s here).
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((archive.dir() / "chaperone.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto locked = run_cli("quarantine discard 1 --reason x" + config);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    CHECK(locked.exit_code == 2);
    CHECK(lines(locked.err) == 1);
    CHECK_THAT(locked.err, Catch::Contains("locked"));
    CHECK(archive.open()->quarantine().find(1)->state == QuarantineState::held);
}

TEST_CASE("cli quarantine expire: deletes what is past retention, reports and mails what expires soon",
          "[quarantine][cli][expiry]") {
    FakeSmtpServer relay;
    TestArchive archive("q-cli-expire", false,
                        "[quarantine]\nretention_days = 30\nexpiry_report_days = 7\ndpo_address = \"dpo@school.example\"\n"
                        "[release]\nrelay = \"" + relay.endpoint() + "\"\n");
    Timestamp now = now_utc();
    {
        auto store = archive.open(StoreRole::milter);
        REQUIRE(store->quarantine().hold(hold_request("old", Timestamp{now.unix_seconds - 31 * 86400LL, 0})).is_ok());
        REQUIRE(store->quarantine().hold(hold_request("soon", Timestamp{now.unix_seconds - 26 * 86400LL, 0})).is_ok());
        REQUIRE(store->quarantine().hold(hold_request("new", now)).is_ok());
    }
    std::string config = " --config " + archive.config_file().string();
    auto dry = run_cli("quarantine expire --dry-run --json" + config);
    INFO(dry.err);
    REQUIRE(dry.exit_code == 0);
    auto d = nlohmann::json::parse(dry.out);
    CHECK(d["dry_run"] == true);
    CHECK(d["expired"].size() == 1);
    CHECK(d["expired"][0]["id"] == 1);
    CHECK(d["deleted"] == 0);
    CHECK(d["expiring"].size() == 1);
    CHECK(d["expiring"][0]["id"] == 2);
    CHECK(d["report"] == "not mailed (dry run)");
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 3);
    CHECK(relay.messages().empty());

    auto real = run_cli("quarantine expire" + config);
    INFO(real.err);
    REQUIRE(real.exit_code == 0);
    CHECK_THAT(real.out, Catch::Contains("Deleted 1 held message(s) past retention:"));
    CHECK_THAT(real.out, Catch::Contains("1 held message(s) expire within 7 days unless released or discarded first:"));
    CHECK_THAT(real.out, Catch::Contains("report mailed to dpo@school.example"));
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 2);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.expire'") == 1);
    REQUIRE(relay.messages().size() == 1);
    CHECK(relay.messages()[0].recipients == std::vector<std::string>{"dpo@school.example"});
    CHECK(relay.messages()[0].data.find("Quarantine: 1 expired, 1 expiring within 7 days") != std::string::npos);
}
