// A milter engine over a real store (policy fixture roster imported) and a fake relay, for
// the tests of the milter's store-backed branches: quarantine and case-file capture.
//
//   MilterBench bench("name", "[archive]\ntempfail_on_error = false\n");
//   auto reply = bench.process("own-children", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, actions);
//   auto reply = bench.process_raw(raw, from, to, actions);
#pragma once

#include <catch2/catch.hpp>

#include "../archive/archive_test_support.h"
#include "../archive/fake_smtp_server.h"
#include "milter/engine_builder.h"
#include "milter/message_processor.h"
#include "recording_actions.h"

namespace chaperone::test {

inline const char* kDisclaimer = "Registered office: Pembury Lane";

inline std::size_t count_in(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = 0; (pos = haystack.find(needle, pos)) != std::string::npos; pos += needle.size()) ++n;
    return n;
}

struct MilterBench {
    explicit MilterBench(const std::string& name, const std::string& extra = "")
        : archive(name, false,
                  "[disclaimer]\ntext_file = \"" + (tests_path("e2e/config/disclaimer.txt")).string() + "\"\n"
                  "[release]\nrelay = \"" + relay.endpoint() + "\"\ntimeout_seconds = 5\n" + extra) {
        store = std::shared_ptr<archive::Store>(archive.open(archive::StoreRole::milter));
        archive::roster::RosterFiles files{tests_path("fixtures/policy/students.csv").string(),
                                           tests_path("fixtures/policy/contacts.csv").string(),
                                           tests_path("fixtures/policy/staff.csv").string()};
        auto roster = archive::roster::import_roster_files(files, policies::RosterConfig{});
        REQUIRE(roster.ok());
        REQUIRE(store->roster().replace_roster(roster.roster, test_actor()).is_ok());
        auto snapshot = milter::build_engine_snapshot(std::make_shared<const policies::Config>(archive.config()), store);
        REQUIRE(snapshot.is_ok());
        engine = *snapshot;
    }

    // A fixture from tests/fixtures/policy/messages/, with the MTA's Received: line on top.
    milter::MtaReply process(const std::string& fixture, const std::string& from, const std::vector<std::string>& to,
                             RecordingActions& actions, const std::string& queue_id = "QID1") {
        return process_raw(read_file(tests_path("fixtures/policy/messages/" + fixture + ".eml")), from, to, actions,
                           queue_id);
    }

    milter::MtaReply process_raw(const std::string& message_text, const std::string& from,
                                 const std::vector<std::string>& to, RecordingActions& actions,
                                 const std::string& queue_id = "QID1") {
        std::string raw = "Received: from client (localhost [127.0.0.1]) by mx.school.example (Postfix) with ESMTP id " +
                          queue_id + "\n" + message_text;
        auto message = collect(raw, from, to);
        message.envelope.queue_id = queue_id;
        return milter::MessageProcessor(engine).process(message, actions);
    }

    FakeSmtpServer relay;
    TestArchive archive;
    std::shared_ptr<archive::Store> store;
    std::shared_ptr<const milter::EngineSnapshot> engine;
};

}  // namespace chaperone::test
