// Discarding (audited, message deleted, record kept) and retention (expiry, the report of
// what expires soon, orphan sealed files from crashes).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "quarantine_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::test;

TEST_CASE("discard keeps the record and the audit trail, deletes the message", "[quarantine][discard]") {
    TestArchive archive("q-discard", false);
    auto store = archive.open();
    auto held = store->quarantine().hold(hold_request("d"));
    REQUIRE(held.is_ok());
    REQUIRE(store->quarantine().discard(held->id, Actor{"dpo.jones", "web"}, "sent to the wrong parent").is_ok());
    auto entry = store->quarantine().find(held->id);
    REQUIRE(entry.is_ok());
    CHECK(entry->state == QuarantineState::discarded);
    CHECK(entry->decided_by == "dpo.jones");
    CHECK(entry->decision_reason == "sent to the wrong parent");
    REQUIRE(entry->decided_at);
    CHECK(std::llabs(entry->decided_at->unix_seconds - now_utc().unix_seconds) < 60);
    CHECK(entry->blob_id.empty());
    CHECK(quarantine_blob_files(archive) == 0);
    auto log = store->audit().list(0, 1000);
    REQUIRE(log.is_ok());
    const AuditRecord* record = nullptr;
    for (const auto& r : *log)
        if (r.action == "quarantine.discard") record = &r;
    REQUIRE(record);
    CHECK(record->actor == "dpo.jones");
    CHECK(record->channel == "web");
    CHECK(record->target == "quarantine " + std::to_string(held->id));
    auto details = nlohmann::json::parse(record->details);
    CHECK(details["reason"] == "sent to the wrong parent");
    CHECK(details["rules"] == nlohmann::json::array({"pii-in-body"}));
    // The record cannot be edited away: the audit log is append-only and chained.
    CHECK_THAT(archive.sql_error("DELETE FROM audit_log WHERE action = 'quarantine.discard'"),
               Catch::Contains("append-only"));
    CHECK(store->audit().verify_chain()->ok);

    // Nothing further can happen to it; the body reads as gone.
    CHECK(store->quarantine().discard(held->id, test_actor(), "again").code() == Errc::conflict);
    CHECK(store->quarantine().claim_release(held->id, test_actor(), "x").status().code() == Errc::conflict);
    auto read = store->quarantine().read(held->id, test_actor());
    REQUIRE(read.is_ok());
    CHECK(read->raw.empty());
    CHECK(store->quarantine().discard(424242, test_actor(), "x").code() == Errc::not_found);
}

TEST_CASE("expiry: what is past retention goes, what expires soon is reported", "[quarantine][expiry]") {
    TestArchive archive("q-expiry", false);
    auto store = archive.open();
    Timestamp now = now_utc();
    auto days_ago = [&](int d) { return Timestamp{now.unix_seconds - d * 86400LL, 0}; };
    auto old_held = store->quarantine().hold(hold_request("old", days_ago(40)));
    auto old_discarded = store->quarantine().hold(hold_request("olddisc", days_ago(35)));
    auto old_stuck = store->quarantine().hold(hold_request("oldstuck", days_ago(33)));
    auto soon = store->quarantine().hold(hold_request("soon", days_ago(25)));
    auto fresh = store->quarantine().hold(hold_request("fresh", days_ago(1)));
    REQUIRE(old_held.is_ok());
    REQUIRE(fresh.is_ok());
    REQUIRE(store->quarantine().discard(old_discarded->id, test_actor(), "no").is_ok());
    REQUIRE(store->quarantine().claim_release(old_stuck->id, test_actor(), "mid-send").is_ok());

    auto expired = store->quarantine().expired(now, 30);
    REQUIRE(expired.is_ok());
    std::vector<QuarantineId> ids;
    for (const auto& e : *expired) ids.push_back(e.id);
    // Oldest first; a release in progress is never expired under it.
    CHECK(ids == std::vector<QuarantineId>{old_held->id, old_discarded->id});
    CHECK((*expired)[0].expires_at.unix_seconds == days_ago(40).unix_seconds + 30 * 86400LL);
    CHECK((*expired)[0].rules == std::vector<std::string>{"pii-in-body"});
    auto expiring = store->quarantine().expiring(now, 30, 7);
    REQUIRE(expiring.is_ok());
    REQUIRE(expiring->size() == 1);
    CHECK((*expiring)[0].id == soon->id);

    auto deleted = store->quarantine().expire(*expired, Actor{"cron", "cli"});
    REQUIRE(deleted.is_ok());
    CHECK(*deleted == 2);
    CHECK(store->quarantine().find(old_held->id).status().code() == Errc::not_found);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 3);
    CHECK(quarantine_blob_files(archive) == 3);  // stuck, soon, fresh
    std::string expire_details;
    auto audit = store->audit().list(0, 1000);
    REQUIRE(audit.is_ok());
    for (const auto& r : *audit)
        if (r.action == "quarantine.expire") expire_details = r.details;
    auto details = nlohmann::json::parse(expire_details);
    CHECK(details["count"] == 2);
    CHECK(details["expired"][0]["id"] == old_held->id);
    CHECK(details["expired"][1]["state"] == "discarded");
    CHECK(store->audit().verify_chain()->ok);
    // Expiring twice is harmless.
    CHECK(*store->quarantine().expire(*expired, Actor{"cron", "cli"}) == 0);
}

TEST_CASE("orphan sealed files (a crash between blob and commit) are swept when old", "[quarantine][expiry]") {
    TestArchive archive("q-orphans", false);
    auto store = archive.open();
    REQUIRE(store->quarantine().hold(hold_request("kept")).is_ok());
    auto dir = archive.dir() / "quarantine" / "ab";
    std::filesystem::create_directories(dir);
    auto old_orphan = dir / "abababababababababababababababab";
    auto new_orphan = dir / "abcdabcdabcdabcdabcdabcdabcdabcd";
    write_file(old_orphan, "sealed bytes");
    write_file(new_orphan, "sealed bytes");
    std::filesystem::last_write_time(old_orphan, std::filesystem::file_time_type::clock::now() - std::chrono::hours(3));
    auto dry = store->quarantine().sweep_orphans(std::chrono::hours(1), false);
    REQUIRE(dry.is_ok());
    CHECK(*dry == 1);
    CHECK(std::filesystem::exists(old_orphan));
    auto swept = store->quarantine().sweep_orphans(std::chrono::hours(1), true);
    CHECK(*swept == 1);
    CHECK_FALSE(std::filesystem::exists(old_orphan));
    CHECK(std::filesystem::exists(new_orphan));
    CHECK(quarantine_blob_files(archive) == 2);  // the held message and the young orphan
}
