// The quarantine store: holding is durable, sealed, idempotent; metadata has no matched PII.
#include <catch2/catch.hpp>

#include <thread>

#include "quarantine_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::test;

namespace {
std::string file_bytes_or_empty(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::exists(p, ec) ? read_file(p) : std::string();
}
}  // namespace

TEST_CASE("quarantine: a held message keeps its metadata and its sealed message", "[quarantine][store]") {
    TestArchive archive("q-hold", false);
    auto store = archive.open();
    HoldRequest request = hold_request("a", Timestamp{1740996000, 0});
    request.attachments = {{"aes.zip", "application/zip", 412, "aes"}};
    auto held = store->quarantine().hold(request);
    REQUIRE(held.is_ok());
    CHECK_FALSE(held->already_held);
    CHECK(held->notice == NoticeState::pending);

    auto entry = store->quarantine().find(held->id);
    REQUIRE(entry.is_ok());
    CHECK(entry->held_at == Timestamp{1740996000, 0});
    CHECK(entry->envelope_from == "j.bloggs@school.example");
    CHECK(entry->envelope_to == std::vector<std::string>{"admissions@council.example"});
    CHECK(entry->shown_from() == "Jo Bloggs <j.bloggs@school.example>");
    CHECK(entry->subject == "Trip insurance a");
    CHECK(entry->message_id == "<a@school.example>");
    CHECK(entry->queue_id == "Qa");
    CHECK(entry->rule_ids() == std::vector<std::string>{"pii-in-body"});
    CHECK(entry->rules[0].reason.rfind("personal data (a name and a date of birth)", 0) == 0);
    REQUIRE(entry->findings.size() == 2);
    CHECK(entry->findings[1].kind == "dob");
    CHECK(entry->findings[1].where == "body");
    CHECK(entry->findings[1].start == 81);
    CHECK(entry->findings[1].end == 91);
    CHECK(entry->findings[1].confidence == Approx(0.9));
    CHECK(entry->findings[1].rules == std::vector<std::string>{"pii-in-body"});
    REQUIRE(entry->attachments.size() == 1);
    CHECK(entry->attachments[0].protection == "aes");
    CHECK(entry->attachments[0].size == 412);
    CHECK(entry->pupil_upns == std::vector<std::string>{"E856412016101"});
    CHECK(entry->state == QuarantineState::held);
    CHECK(entry->message_size == request.raw_message.size());
    CHECK_FALSE(entry->blob_id.empty());

    auto read = store->quarantine().read(held->id, test_actor());
    REQUIRE(read.is_ok());
    CHECK(read->raw == request.raw_message);

    // The matched text is nowhere in the clear: not in the database (or its WAL), not on disk.
    store.reset();
    std::string db = file_bytes_or_empty(archive.dir() / "chaperone.db") +
                     file_bytes_or_empty(archive.dir() / "chaperone.db-wal");
    CHECK(db.find("Trip insurance a") != std::string::npos);  // the (masked) subject is metadata
    CHECK(db.find("14/03/2016") == std::string::npos);
    CHECK(db.find("Maisie") == std::string::npos);
    auto blob = read_file(archive.dir() / "quarantine" / entry->blob_id.substr(0, 2) / entry->blob_id);
    CHECK(blob.find("14/03/2016") == std::string::npos);
    CHECK(blob.rfind("CHAPBLB1", 0) == 0);
    // Holding is audited (by the milter), in the chain.
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.hold' AND actor = 'milter'") == 1);
    auto verify = archive.open()->audit().verify_chain();
    REQUIRE(verify.is_ok());
    CHECK(verify->ok);
}

TEST_CASE("quarantine: holding the same message twice keeps one copy", "[quarantine][store][idempotent]") {
    TestArchive archive("q-idem", false);
    auto store = archive.open(StoreRole::milter);
    HoldRequest request = hold_request("same");
    auto first = store->quarantine().hold(request);
    REQUIRE(first.is_ok());
    // The MTA retried after a crash: a new queue id and arrival time, the same message.
    request.queue_id = "QRETRY";
    request.received_at.unix_seconds += 90;
    auto second = store->quarantine().hold(request);
    REQUIRE(second.is_ok());
    CHECK(second->already_held);
    CHECK(second->id == first->id);
    CHECK(second->notice == NoticeState::pending);
    REQUIRE(store->quarantine().set_notice(first->id, NoticeState::sent, "250 ok").is_ok());
    auto third = store->quarantine().hold(request);
    REQUIRE(third.is_ok());
    CHECK(third->notice == NoticeState::sent);  // a retry does not notify again
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 1);
    CHECK(quarantine_blob_files(archive) == 1);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.hold'") == 1);
    // A different message is held separately.
    REQUIRE(store->quarantine().hold(hold_request("other")).is_ok());
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 2);
}

TEST_CASE("quarantine: concurrent holds of one message from threads and connections keep one copy",
          "[quarantine][store][idempotent]") {
    TestArchive archive("q-race", false);
    auto shared = archive.open(StoreRole::milter);
    auto second_connection = archive.open(StoreRole::milter);
    HoldRequest request = hold_request("race");
    std::vector<std::thread> threads;
    std::atomic<int> ok{0}, first{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            Store& s = i % 2 ? *shared : *second_connection;
            auto held = s.quarantine().hold(request);
            if (held.is_ok()) {
                ++ok;
                if (!held->already_held) ++first;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == 8);
    CHECK(first == 1);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 1);
    CHECK(quarantine_blob_files(archive) == 1);  // the losers' blobs were removed
}

TEST_CASE("quarantine: the milter can hold but not read; listing is newest first and audited",
          "[quarantine][store]") {
    TestArchive archive("q-roles", false);
    auto milter = archive.open(StoreRole::milter);
    for (int i = 0; i < 3; ++i) REQUIRE(milter->quarantine().hold(hold_request(std::to_string(i), Timestamp{1740000000 + i * 60, 0})).is_ok());
    auto read = milter->quarantine().read(1, Actor{"milter", "milter"});
    REQUIRE_FALSE(read.is_ok());
    CHECK(read.status().code() == Errc::permission);
    auto claim = milter->quarantine().claim_release(1, test_actor(), "x");
    REQUIRE_FALSE(claim.is_ok());
    CHECK(claim.status().code() == Errc::permission);

    auto admin = archive.open(StoreRole::admin);
    auto list = admin->quarantine().list({}, test_actor());
    REQUIRE(list.is_ok());
    REQUIRE(list->size() == 3);
    CHECK((*list)[0].subject == "Trip insurance 2");
    CHECK((*list)[2].subject == "Trip insurance 0");
    QuarantineQuery held_only;
    held_only.states = {QuarantineState::released};
    CHECK(admin->quarantine().list(held_only, test_actor())->empty());
    QuarantineQuery limited;
    limited.limit = 1;
    limited.offset = 1;
    auto page = admin->quarantine().list(limited, test_actor());
    REQUIRE(page->size() == 1);
    CHECK((*page)[0].subject == "Trip insurance 1");
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'quarantine.list' AND actor = 'test-runner'") == 3);
    auto missing = admin->quarantine().find(99);
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().code() == Errc::not_found);
    CHECK(missing.error_message() == "no held message 99");
}

TEST_CASE("quarantine: hold refuses what it cannot keep", "[quarantine][store]") {
    TestArchive archive("q-bad", false);
    auto store = archive.open(StoreRole::milter);
    HoldRequest empty = hold_request("e");
    empty.raw_message.clear();
    CHECK(store->quarantine().hold(empty).status().code() == Errc::invalid_input);
    HoldRequest no_fp = hold_request("f");
    no_fp.fingerprint.clear();
    CHECK(store->quarantine().hold(no_fp).status().code() == Errc::invalid_input);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM quarantine") == 0);
}
