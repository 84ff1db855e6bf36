// Retention: dry-run lists, a real purge deletes metadata and blobs, leaves a tombstone in
// the audit log (ids, dates, UPNs; no content), and the chain still verifies.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive/store/blob_store.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::TestArchive;

TEST_CASE("purge: dry run vs real, tombstone, chain still verifies", "[purge]") {
    TestArchive archive("purge", false);
    auto store = archive.open();
    pii::Roster roster;
    roster.pupils = {
        {"B801200005001", "Old", "Leaver", "1990-05-05", "Year 13", "", "", ""},   // retained until 2015-05-05
        {"Q801200005002", "Young", "Pupil", "2015-04-12", "Year 4", "", "", ""},   // until 2040
        {"E801200005003", "Young", "Sibling", "2016-01-01", "Year 3", "", "", ""},
        {"U801200005004", "Older", "Sibling", "1989-01-01", "Year 13", "", "", ""},
    };
    roster.contacts = {{"B801200005001", "Parent Old", "Mother", "old@parents.example", ""},
                       {"Q801200005002", "Parent Young", "Father", "young@parents.example", ""},
                       {"E801200005003", "Mixed Parent", "Mother", "mixed@parents.example", ""},
                       {"U801200005004", "Mixed Parent", "Mother", "mixed@parents.example", ""}};
    REQUIRE(store->roster().replace_roster(roster, test::test_actor()).is_ok());

    std::vector<std::string> raws;
    raws.reserve(3);
    std::vector<RecordedEntry> entries;
    for (const char* contact : {"old@parents.example", "young@parents.example", "mixed@parents.example"}) {
        Timestamp sent{1300000000 + static_cast<std::int64_t>(entries.size()) * 86400, 0};
        raws.push_back(test::simple_message("office@school.example", contact, "S", sent, "Body"));
        auto e = store->casefiles().record(test::correspondence_for(raws.back(), Direction::out, contact, sent));
        REQUIRE(e.is_ok());
        entries.push_back(*e);
    }
    // The leaver has left the roster; the case file keeps the dob it needs for retention.
    roster.pupils.erase(roster.pupils.begin());
    roster.contacts.erase(roster.contacts.begin());
    REQUIRE(store->roster().replace_roster(roster, test::test_actor()).is_ok());

    auto due = store->casefiles().purge_candidates(now_utc(), 25);
    REQUIRE(due.is_ok());
    REQUIRE(due->size() == 1);  // the sibling entry waits for the younger child
    CHECK((*due)[0].id == entries[0].id);
    CHECK((*due)[0].upns == std::vector<std::string>{"B801200005001"});
    CHECK((*due)[0].retain_until == "2015-05-05");
    // A dry run is just the listing: nothing changed.
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 3);

    BlobStore blobs(archive.dir() / "blobs");
    REQUIRE(std::filesystem::exists(blobs.path_of(entries[0].blob_id)));
    auto purged = store->casefiles().purge(*due, Actor{"dpo", "cli"});
    REQUIRE(purged.is_ok());
    CHECK(*purged == 1);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 2);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_students WHERE upn = 'B801200005001'") == 0);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_pupils WHERE upn = 'B801200005001'") == 0);
    CHECK_FALSE(std::filesystem::exists(blobs.path_of(entries[0].blob_id)));

    auto log = store->audit().list(0, 100);
    REQUIRE(log.is_ok());
    const AuditRecord& tombstone = log->back();
    CHECK(tombstone.action == "archive.purge");
    CHECK(tombstone.actor == "dpo");
    auto details = nlohmann::json::parse(tombstone.details);
    REQUIRE(details["purged"].size() == 1);
    CHECK(details["purged"][0]["id"] == entries[0].id);
    CHECK(details["purged"][0]["upns"] == nlohmann::json::array({"B801200005001"}));
    CHECK(details["purged"][0]["sent"] == "2011-03-13T07:06:40+00:00");

    auto report = store->audit().verify_chain();
    REQUIRE(report.is_ok());
    INFO(report->first_problem);
    CHECK(report->ok);
    CHECK(report->purged_entries == 1);
    CHECK(report->casefile_entries == 3);

    auto again = store->casefiles().purge_candidates(now_utc(), 25);
    REQUIRE(again.is_ok());
    CHECK(again->empty());
    // Ten years' retention makes the sibling entry due too (younger child born 2016 + 10 < now? no: 2026)
    auto shorter = store->casefiles().purge_candidates(Timestamp{2000000000, 0}, 10);  // 2033
    REQUIRE(shorter.is_ok());
    CHECK(shorter->size() == 2);
}
