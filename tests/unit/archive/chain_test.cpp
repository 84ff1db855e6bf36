// `audit verify`: the chain passes clean and names the first bad record after a blob byte is
// flipped, a metadata row edited, an entry deleted, two entries swapped, or a row forged;
// and it still passes after a purge.
#include <fstream>

#include <catch2/catch.hpp>

#include "archive/store/blob_store.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::TestArchive;

namespace {

struct Recorded {
    std::vector<std::string> raws;
    std::vector<RecordedEntry> entries;
};

Recorded record_five(Store& store) {
    Recorded r;
    r.raws.reserve(5);
    for (int i = 0; i < 5; ++i) {
        Timestamp sent{1709629920 + i * 3600, 0};
        r.raws.push_back(test::simple_message("office@school.example", "claire.dupre@parents.example",
                                              "Note " + std::to_string(i), sent, "Body " + std::to_string(i)));
        auto e = store.casefiles().record(
            test::correspondence_for(r.raws.back(), Direction::out, "claire.dupre@parents.example", sent));
        REQUIRE(e.is_ok());
        r.entries.push_back(*e);
    }
    return r;
}

ChainReport verify(Store& store) {
    auto report = store.audit().verify_chain();
    INFO(report.error_message());
    REQUIRE(report.is_ok());
    return *report;
}

}  // namespace

TEST_CASE("chain verifies clean", "[chain]") {
    TestArchive archive("chain-clean");
    auto store = archive.open();
    record_five(*store);
    auto report = verify(*store);
    CHECK(report.ok);
    CHECK(report.first_problem.empty());
    CHECK(report.casefile_entries == 5);
    CHECK(report.audit_records == 1);  // the roster import
    CHECK(report.records == 6);
    CHECK(report.head_link_hex.size() == 64);
}

TEST_CASE("chain: a flipped byte in a blob names its entry", "[chain]") {
    TestArchive archive("chain-blob");
    auto store = archive.open();
    auto r = record_five(*store);
    BlobStore blobs(archive.dir() / "blobs");
    auto path = blobs.path_of(r.entries[2].blob_id);
    std::string bytes = test::read_file(path);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
    test::write_file(path, bytes);
    auto report = verify(*store);
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.first_problem,
               Catch::StartsWith("case-file entry " + std::to_string(r.entries[2].id) + " (chain position"));
    CHECK_THAT(report.first_problem, Catch::EndsWith("its message blob was altered after it was recorded"));
    // And the altered blob no longer opens.
    CHECK_FALSE(store->casefiles().read_entry(r.entries[2].id, test::test_actor()).is_ok());
}

TEST_CASE("chain: an edited metadata row names its entry", "[chain]") {
    TestArchive archive("chain-edit");
    auto store = archive.open();
    auto r = record_five(*store);
    archive.sql("UPDATE casefile_entries SET subject = 'Nothing to see' WHERE id = " + std::to_string(r.entries[1].id));
    auto report = verify(*store);
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.first_problem, Catch::StartsWith("case-file entry " + std::to_string(r.entries[1].id) + " "));
    CHECK_THAT(report.first_problem, Catch::EndsWith("its metadata was altered after it was recorded"));
}

TEST_CASE("chain: moving an entry to another pupil's file is caught", "[chain]") {
    TestArchive archive("chain-refile");
    auto store = archive.open();
    auto r = record_five(*store);
    archive.sql("UPDATE casefile_students SET upn = 'Q801200005002' WHERE entry_id = " + std::to_string(r.entries[3].id));
    auto report = verify(*store);
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.first_problem, Catch::StartsWith("case-file entry " + std::to_string(r.entries[3].id) + " "));
    CHECK_THAT(report.first_problem, Catch::Contains("pupils it is filed to were changed"));
}

TEST_CASE("chain: a deleted entry is named (row only, or row and link)", "[chain]") {
    TestArchive archive("chain-delete");
    auto store = archive.open();
    auto r = record_five(*store);
    std::string id = std::to_string(r.entries[2].id);

    archive.sql("DELETE FROM casefile_entries WHERE id = " + id);
    auto report = verify(*store);
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.first_problem, Catch::StartsWith("case-file entry " + id + " (chain position"));
    CHECK_THAT(report.first_problem, Catch::EndsWith("deleted without a purge record"));

    // A thorough vandal removes the chain link too (dropping the trigger first).
    archive.sql("DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE kind = 'casefile' AND ref_id = " + id);
    auto gap = verify(*store);
    CHECK_FALSE(gap.ok);
    CHECK_THAT(gap.first_problem, Catch::StartsWith("chain position "));
    CHECK_THAT(gap.first_problem, Catch::Contains("is missing (a record was deleted) between case-file entry " +
                                                  std::to_string(r.entries[1].id) + " and case-file entry " +
                                                  std::to_string(r.entries[3].id)));
}

TEST_CASE("chain: two entries swapped are caught", "[chain]") {
    TestArchive archive("chain-swap");
    auto store = archive.open();
    auto r = record_five(*store);
    std::string a = std::to_string(r.entries[1].id), b = std::to_string(r.entries[2].id);

    SECTION("swapped positions in the chain") {
        // Exchange the two rows' positions via a temporary one.
        std::int64_t seq_a = archive.sql_int("SELECT seq FROM ledger WHERE kind = 'casefile' AND ref_id = " + a);
        std::int64_t seq_b = archive.sql_int("SELECT seq FROM ledger WHERE kind = 'casefile' AND ref_id = " + b);
        archive.sql("DROP TRIGGER ledger_no_update;"
                    "UPDATE ledger SET seq = -1 WHERE seq = " + std::to_string(seq_a) + ";"
                    "UPDATE ledger SET seq = " + std::to_string(seq_a) + " WHERE seq = " + std::to_string(seq_b) + ";"
                    "UPDATE ledger SET seq = " + std::to_string(seq_b) + " WHERE seq = -1;");
        auto report = verify(*store);
        CHECK_FALSE(report.ok);
        CHECK_THAT(report.first_problem, Catch::StartsWith("case-file entry " + b + " (chain position"));
        CHECK_THAT(report.first_problem, Catch::Contains("chain link does not match"));
    }
    SECTION("swapped ids of the metadata rows") {
        archive.sql("UPDATE casefile_entries SET id = -1 WHERE id = " + a + ";"
                    "UPDATE casefile_entries SET id = " + a + " WHERE id = " + b + ";"
                    "UPDATE casefile_entries SET id = " + b + " WHERE id = -1;");
        auto report = verify(*store);
        CHECK_FALSE(report.ok);
        CHECK_THAT(report.first_problem, Catch::StartsWith("case-file entry " + a + " "));
    }
}

TEST_CASE("chain: forged rows outside Chaperone and edited audit records are caught", "[chain]") {
    TestArchive archive("chain-forge");
    auto store = archive.open();
    auto r = record_five(*store);
    SECTION("an audit record edited") {
        archive.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 1");
        auto report = verify(*store);
        CHECK_FALSE(report.ok);
        CHECK(report.first_problem == "audit record 1 (chain position 1): it was altered after it was written");
    }
    SECTION("an entry inserted without a chain link") {
        archive.sql("INSERT INTO casefile_entries SELECT NULL, direction, sent_at, sent_utc, recorded_at, envelope_from, "
                    "envelope_to, header_from, header_to, header_cc, 'forged', message_id, attachments, contacts, filing, "
                    "message_size, blob_id || 'x', blob_size, blob_hash FROM casefile_entries WHERE id = " +
                    std::to_string(r.entries[0].id));
        auto report = verify(*store);
        CHECK_FALSE(report.ok);
        CHECK_THAT(report.first_problem, Catch::EndsWith("not in the chain (inserted outside Chaperone)"));
    }
}
