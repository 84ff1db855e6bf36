// Many milter threads, and a second process's connection, recording and auditing at once:
// every record lands, and the chain stays one unbroken line.
#include <thread>

#include <catch2/catch.hpp>

#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::TestArchive;

TEST_CASE("concurrent recording from threads and a second connection keeps the chain whole", "[casefile][chain]") {
    TestArchive archive("concurrency", true, "");
    auto milter = archive.open(StoreRole::milter);  // shared by the "milter threads"
    auto cli = archive.open(StoreRole::reader);     // another process's connection
    constexpr int kThreads = 4, kPerThread = 15;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                Timestamp sent{1709629920 + t * 1000 + i, 0};
                std::string raw = test::simple_message("office@school.example", "priya.whitfield@parents.example",
                                                       "T" + std::to_string(t), sent, "Body");
                auto r = milter->casefiles().record(
                    test::correspondence_for(raw, Direction::out, "priya.whitfield@parents.example", sent, {"U801200005004"}));
                if (!r) ++failures;
            }
        });
    }
    threads.emplace_back([&] {
        for (int i = 0; i < 20; ++i) {
            if (!cli->casefiles().list_entries(EntryQuery{"U801200005004", "", {}, {}, 10}, test::test_actor())) ++failures;
        }
    });
    for (auto& th : threads) th.join();
    CHECK(failures == 0);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == kThreads * kPerThread);
    auto report = cli->audit().verify_chain();
    REQUIRE(report.is_ok());
    INFO(report->first_problem);
    CHECK(report->ok);
    CHECK(report->casefile_entries == kThreads * kPerThread);
    CHECK(report->audit_records == 21);  // roster import + 20 listings
}
