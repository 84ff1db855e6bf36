// The milter's case-file capture with a real store: parent correspondence in both directions
// filed to the right pupils as delivered (footer included), other mail not filed, and an
// archive that cannot commit tempfails (or, when configured, delivers unrecorded with an
// error in the log). Released parent mail is filed too.
#include <catch2/catch.hpp>

#include "archive/quarantine/release.h"
#include "archive/quarantine/released_filing.h"
#include "log_capture.h"
#include "milter_store_bench.h"

using namespace chaperone;
using namespace chaperone::test;
using milter::MtaVerdict;

namespace {

std::string letter(const std::string& from, const std::string& to, const std::string& id, const std::string& text) {
    return "From: " + from + "\nTo: " + to + "\nSubject: A note\nDate: " + "Mon, 03 Mar 2025 10:00:00 +0000" +
           "\nMessage-ID: <" + id + "@example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + text;
}

std::vector<archive::EntrySummary> entries_of(MilterBench& bench, const std::string& upn) {
    auto reader = bench.archive.open(archive::StoreRole::reader);
    archive::EntryQuery query;
    query.student_upn = upn;
    auto list = reader->casefiles().list_entries(query, test_actor());
    REQUIRE(list.is_ok());
    return *list;
}

std::string filed(const archive::EntrySummary& e) {
    std::string out;
    for (const auto& s : e.students) out += s.upn + ":" + std::string(archive::basis_name(s.basis)) + " ";
    return out;
}

const char* kMaisie = "E856412016101";
const char* kRory = "Q856412018102";
const char* kTheo = "X856412015103";

}  // namespace

TEST_CASE("capture: outbound to a parent is filed as delivered, with the footer, to the children it names",
          "[milter][casefile]") {
    MilterBench bench("mc-out");
    RecordingActions actions;
    LogCapture logs;
    auto reply = bench.process("own-children", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, actions);
    REQUIRE(reply.verdict == MtaVerdict::accept);
    CHECK(actions.body_replaced);

    auto maisie = entries_of(bench, kMaisie);
    REQUIRE(maisie.size() == 1);
    const auto& e = maisie[0];
    CHECK(e.direction == archive::Direction::out);
    CHECK(e.envelope_from == "j.bloggs@school.example");
    CHECK(e.envelope_to == std::vector<std::string>{"helen.thornbury@parents.example"});
    CHECK(e.header_to == std::vector<std::string>{"Helen Thornbury <helen.thornbury@parents.example>"});
    CHECK(e.subject == "Sports day");
    CHECK(e.message_id == "<own-children@school.example>");
    CHECK(filed(e) == std::string(kMaisie) + ":named " + kRory + ":named ");
    CHECK(entries_of(bench, kRory).size() == 1);
    CHECK(logs.contains("case file entry 1 (out) filed to 2 pupil(s)"));
    CHECK_FALSE(logs.contains("Maisie"));

    // The archived copy is the delivered one: footer once, our headers, the original header block.
    auto reader = bench.archive.open(archive::StoreRole::reader);
    auto message = reader->casefiles().read_entry(e.id, test_actor());
    REQUIRE(message.is_ok());
    CHECK(count_in(message->raw, kDisclaimer) == 1);
    CHECK(message->raw.find("X-Chaperone-Disclaimer: added\n") != std::string::npos);
    CHECK(message->raw.find("X-Chaperone: deliver; external; findings=") != std::string::npos);
    CHECK(message->raw.rfind("Received: from client", 0) == 0);
    CHECK(message->raw.find("Maisie and Rory both did brilliantly") != std::string::npos);
}

TEST_CASE("capture: siblings — the ones named, else all of them (recorded as such)", "[milter][casefile]") {
    MilterBench bench("mc-siblings");
    RecordingActions a1, a2;
    REQUIRE(bench.process_raw(letter("Jo Bloggs <j.bloggs@school.example>", "helen.thornbury@parents.example", "rory",
                                     "Dear Mrs Thornbury,\n\nRory has left his reading book in class.\n\nJo Bloggs\n"),
                              "j.bloggs@school.example", {"helen.thornbury@parents.example"}, a1)
                .verdict == MtaVerdict::accept);
    REQUIRE(bench.process_raw(letter("Jo Bloggs <j.bloggs@school.example>", "helen.thornbury@parents.example", "none",
                                     "Dear Mrs Thornbury,\n\nParents' evening is next Thursday.\n\nJo Bloggs\n"),
                              "j.bloggs@school.example", {"helen.thornbury@parents.example"}, a2, "QID2")
                .verdict == MtaVerdict::accept);
    auto rory = entries_of(bench, kRory);
    auto maisie = entries_of(bench, kMaisie);
    REQUIRE(rory.size() == 2);
    REQUIRE(maisie.size() == 1);  // only the letter that names neither child
    CHECK(maisie[0].message_id == "<none@example>");
    CHECK(filed(maisie[0]) == std::string(kMaisie) + ":all_children " + kRory + ":all_children ");
    CHECK(filed(rory[0]) + filed(rory[1]) ==
          std::string(kRory) + ":named " + kMaisie + ":all_children " + kRory + ":all_children ");
}

TEST_CASE("capture: inbound from a parent is filed as received, unchanged", "[milter][casefile]") {
    MilterBench bench("mc-in");
    RecordingActions actions;
    std::string text = letter("Daniel Ashdown <dan.ashdown@parents.example>", "j.bloggs@school.example", "from-dan",
                              // The MTA hands bodies over with CRLF line ends.
                              "Hello,\r\n\r\nTheo will be late tomorrow: dentist at 9.\r\n\r\nDan\r\n");
    REQUIRE(bench.process_raw(text, "dan.ashdown@parents.example", {"j.bloggs@school.example"}, actions).verdict ==
            MtaVerdict::accept);
    CHECK_FALSE(actions.body_replaced);
    CHECK(actions.headers.empty() == false);  // the X-Chaperone status header only
    auto theo = entries_of(bench, kTheo);
    REQUIRE(theo.size() == 1);
    CHECK(theo[0].direction == archive::Direction::in);
    CHECK(filed(theo[0]) == std::string(kTheo) + ":only_child ");
    auto reader = bench.archive.open(archive::StoreRole::reader);
    auto message = reader->casefiles().read_entry(theo[0].id, test_actor());
    REQUIRE(message.is_ok());
    CHECK(message->raw.find(kDisclaimer) == std::string::npos);
    CHECK(message->raw.find("Theo will be late tomorrow: dentist at 9.\n") != std::string::npos);
    CHECK(message->raw.find('\r') == std::string::npos);  // one line-end convention in the stored copy
}

TEST_CASE("capture: mail to or from nobody on the roster's contacts is not filed", "[milter][casefile]") {
    MilterBench bench("mc-none");
    RecordingActions external, internal;
    REQUIRE(bench.process("no-pii", "j.bloggs@school.example", {"bookings@coaches.example"}, external).verdict ==
            MtaVerdict::accept);
    REQUIRE(bench.process("no-pii", "j.bloggs@school.example", {"head@school.example"}, internal, "QID2").verdict ==
            MtaVerdict::accept);
    CHECK(bench.archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 0);
}

TEST_CASE("capture: an archive that cannot commit tempfails; tempfail_on_error = false delivers and says so",
          "[milter][casefile]") {
    auto break_blobs = [](MilterBench& bench) {
        std::filesystem::remove_all(bench.archive.dir() / "blobs");
        write_file(bench.archive.dir() / "blobs", "not a directory: no sealed message can be written");
    };
    MilterBench strict("mc-strict", "[milter]\nfail_open = true\n");  // fail_open does not let it through
    break_blobs(strict);
    RecordingActions a1;
    LogCapture logs;
    auto r = strict.process("own-children", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, a1);
    CHECK(r.verdict == MtaVerdict::tempfail);
    CHECK(r.code == "451");
    CHECK(r.text == "Chaperone could not file this message to the case file, please try again later");
    CHECK(logs.contains("parent correspondence could not be filed, tempfail"));
    // Mail that is not parent correspondence is not held up by the broken archive.
    RecordingActions other;
    CHECK(strict.process("no-pii", "j.bloggs@school.example", {"bookings@coaches.example"}, other, "QID2").verdict ==
          MtaVerdict::accept);

    MilterBench lenient("mc-lenient", "[archive]\ntempfail_on_error = false\n");
    break_blobs(lenient);
    RecordingActions a2;
    CHECK(lenient.process("own-children", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, a2).verdict ==
          MtaVerdict::accept);
    CHECK(logs.contains("parent correspondence NOT filed (tempfail_on_error = false)"));
    CHECK(lenient.archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 0);
}

TEST_CASE("capture: a held parent email is filed when it is released, not when it is held", "[milter][casefile][release]") {
    MilterBench bench("mc-release");
    RecordingActions actions;
    REQUIRE(bench.process("other-family", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, actions).verdict ==
            MtaVerdict::discard);
    CHECK(bench.archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 0);

    auto reader = bench.archive.open(archive::StoreRole::reader);
    auto released = archive::release_held_message(reader->quarantine(), bench.archive.config(), 1, test_actor(), "ok",
                                                  false, archive::released_filing(*reader, bench.archive.config()));
    REQUIRE(released.is_ok());
    CHECK(released->outcome == archive::ReleaseOutcome::sent);
    CHECK(released->after_sent_error.empty());
    REQUIRE(bench.archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 1);
    auto maisie = entries_of(bench, kMaisie);
    auto rory = entries_of(bench, kRory);
    // Maisie is named and is Helen's child; Theo is named but another family's: not filed there.
    REQUIRE(maisie.size() == 1);
    CHECK(rory.empty());
    CHECK(entries_of(bench, kTheo).empty());
    CHECK(filed(maisie[0]) == std::string(kMaisie) + ":named ");
    auto message = reader->casefiles().read_entry(bench.archive.sql_int("SELECT id FROM casefile_entries"), test_actor());
    REQUIRE(message.is_ok());
    CHECK(message->raw.rfind("X-Chaperone-Released: 1\n", 0) == 0);
    CHECK(count_in(message->raw, kDisclaimer) == 1);
    CHECK(message->entry.envelope_to == std::vector<std::string>{"helen.thornbury@parents.example"});
}
