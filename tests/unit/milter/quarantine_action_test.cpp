// The milter's quarantine branch with a real store and a fake relay: hold (committed) then
// notice then discard; a retried message is held once; the held copy is the message as it
// would have been delivered (footer, our headers); failures tempfail, never deliver.
#include <catch2/catch.hpp>

#include "archive/quarantine/release.h"
#include "log_capture.h"
#include "milter_store_bench.h"
#include "milter/message_processor.h"
#include "recording_actions.h"

using namespace chaperone;
using namespace chaperone::test;
using milter::MtaVerdict;

TEST_CASE("quarantine: held, committed, the sender notified, then the MTA told to discard", "[milter][quarantine]") {
    MilterBench bench("mq-hold");
    RecordingActions actions;
    LogCapture logs;
    auto reply = bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, actions);
    CHECK(reply.verdict == MtaVerdict::discard);
    CHECK(actions.headers.empty());  // nothing changed on the MTA's copy: it is dropped
    CHECK_FALSE(actions.body_replaced);

    auto reader = bench.archive.open(archive::StoreRole::reader);
    auto list = reader->quarantine().list({}, test_actor());
    REQUIRE(list.is_ok());
    REQUIRE(list->size() == 1);
    const auto& entry = (*list)[0];
    CHECK(entry.rule_ids() == std::vector<std::string>{"pii-in-body"});
    CHECK(entry.queue_id == "QID1");
    CHECK(entry.envelope_to == std::vector<std::string>{"admissions@council.example"});
    CHECK(entry.subject == "Trip insurance");
    CHECK(entry.message_id == "<dob-in-body@school.example>");
    CHECK(entry.pupil_upns == std::vector<std::string>{"E856412016101"});
    CHECK(entry.notice == archive::NoticeState::sent);
    REQUIRE(entry.findings.size() == 2);
    CHECK(entry.findings[1].kind == "dob");

    // The held copy is what would have been delivered: footer and our headers.
    auto held = reader->quarantine().read(entry.id, test_actor());
    REQUIRE(held.is_ok());
    CHECK(held->raw.find(kDisclaimer) != std::string::npos);
    CHECK(held->raw.find("X-Chaperone-Disclaimer: added\n") != std::string::npos);
    CHECK(held->raw.find("X-Chaperone: quarantine; external; findings=2; rules=pii-in-body\n") != std::string::npos);
    CHECK(held->raw.find("date of birth 14/03/2016") != std::string::npos);
    CHECK(held->raw.rfind("Received: from client", 0) == 0);

    // The notice went to the sender through the relay, without the PII.
    auto mails = bench.relay.messages();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].recipients == std::vector<std::string>{"j.bloggs@school.example"});
    CHECK(mails[0].data.find("quarantine " + std::to_string(entry.id)) != std::string::npos);
    CHECK(mails[0].data.find("14/03/2016") == std::string::npos);
    CHECK(mails[0].data.find("Maisie") == std::string::npos);
    CHECK(logs.contains("quarantine id=1 from=<j.bloggs@school.example>"));
    CHECK_FALSE(logs.contains("14/03/2016"));
}

TEST_CASE("quarantine: the MTA's retry after a crash is discarded without a second copy or notice",
          "[milter][quarantine][idempotent]") {
    MilterBench bench("mq-retry");
    RecordingActions first, second;
    CHECK(bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, first, "QA").verdict ==
          MtaVerdict::discard);
    // The client retried: a new queue id and Received: line, the same message.
    CHECK(bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, second, "QB").verdict ==
          MtaVerdict::discard);
    CHECK(bench.archive.sql_int("SELECT COUNT(*) FROM quarantine") == 1);
    CHECK(bench.relay.messages().size() == 1);
    // A notice still pending from the crashed attempt is sent by the retry.
    bench.archive.sql("UPDATE quarantine SET notice = 'pending'");
    RecordingActions third;
    CHECK(bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, third, "QC").verdict ==
          MtaVerdict::discard);
    CHECK(bench.relay.messages().size() == 2);
    CHECK(bench.archive.sql_int("SELECT COUNT(*) FROM quarantine WHERE notice = 'sent'") == 1);
    // A different recipient makes it a different message.
    RecordingActions other;
    bench.process("dob-in-body", "j.bloggs@school.example", {"someone@mail.example"}, other, "QD");
    CHECK(bench.archive.sql_int("SELECT COUNT(*) FROM quarantine") == 2);
}

TEST_CASE("quarantine: a failed notice is recorded and the message stays held", "[milter][quarantine][notice]") {
    MilterBench bench("mq-notice-fails");
    bench.relay.set_behaviour(SmtpBehaviour::refuse_recipient);
    RecordingActions actions;
    CHECK(bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, actions).verdict ==
          MtaVerdict::discard);
    auto entry = bench.store->quarantine().find(1);
    REQUIRE(entry.is_ok());
    CHECK(entry->state == archive::QuarantineState::held);
    CHECK(entry->notice == archive::NoticeState::failed);
    CHECK(entry->notice_detail == "RCPT TO: the relay answered 550 5.1.1 <nobody>: Recipient address rejected");
    // No notices at all when the school turns them off.
    MilterBench quiet("mq-notice-off", "[quarantine]\nnotify_sender = false\n");
    RecordingActions a2;
    CHECK(quiet.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, a2).verdict ==
          MtaVerdict::discard);
    CHECK(quiet.store->quarantine().find(1)->notice == archive::NoticeState::not_needed);
    CHECK(quiet.relay.messages().empty());
}

TEST_CASE("quarantine: released, the held copy reaches the relay with the footer once", "[milter][quarantine][release]") {
    MilterBench bench("mq-release");
    RecordingActions actions;
    bench.process("other-family", "j.bloggs@school.example", {"helen.thornbury@parents.example"}, actions);
    auto reader = bench.archive.open(archive::StoreRole::reader);
    auto released = archive::release_held_message(reader->quarantine(), bench.archive.config(), 1, test_actor(), "ok");
    REQUIRE(released.is_ok());
    CHECK(released->outcome == archive::ReleaseOutcome::sent);
    auto mails = bench.relay.messages();
    REQUIRE(mails.size() == 2);  // the notice, then the released message
    CHECK(mails[1].recipients == std::vector<std::string>{"helen.thornbury@parents.example"});
    CHECK(mails[1].data.rfind("X-Chaperone-Released: 1\r\n", 0) == 0);
    CHECK(count_in(mails[1].data, kDisclaimer) == 1);
}

TEST_CASE("reject, tempfail on hold failure, monitor mode, and warnings on delivery", "[milter][quarantine]") {
    MilterBench bench("mq-outcomes", "[policy]\npupil_accounts = [\"*@pupils.school.example\"]\n");
    RecordingActions rejected;
    auto r = bench.process("pupil-external", "maisie.t@pupils.school.example", {"friend@mail.example"}, rejected);
    CHECK(r.verdict == MtaVerdict::reject);
    CHECK(r.code == "550");
    CHECK(r.xcode == "5.7.1");
    CHECK(r.text == "pupil accounts can only send email to addresses inside the school");

    // Weak protection: delivered with the footer, and the sender warned.
    RecordingActions weak;
    CHECK(bench.process("zipcrypto", "j.bloggs@school.example", {"admissions@council.example"}, weak).verdict ==
          MtaVerdict::accept);
    CHECK(weak.body_replaced);
    auto mails = bench.relay.messages();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].recipients == std::vector<std::string>{"j.bloggs@school.example"});
    CHECK(mails[0].data.find("X-Chaperone-Notice: warning") != std::string::npos);
    CHECK(mails[0].data.find("rule weak-protection") != std::string::npos);

    // A hold that cannot be written tempfails, even with fail_open: the policy said hold.
    MilterBench broken("mq-broken", "[milter]\nfail_open = true\n");
    write_file(broken.archive.dir() / "quarantine", "not a directory: the sealed message cannot be written");
    RecordingActions failed;
    LogCapture logs;
    auto tf = broken.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, failed);
    CHECK(tf.verdict == MtaVerdict::tempfail);
    CHECK(tf.code == "451");
    CHECK(tf.text == "Chaperone could not hold this message for review, please try again later");
    CHECK(logs.contains("quarantine failed, tempfail"));
    CHECK(broken.archive.sql_int("SELECT COUNT(*) FROM quarantine") == 0);
    // No store at all: tempfail.
    auto no_store = milter::build_engine_snapshot(std::make_shared<const policies::Config>(bench.archive.config()));
    REQUIRE(no_store.is_ok());
    auto message = collect(read_file(tests_path("fixtures/policy/messages/dob-in-body.eml")), "j.bloggs@school.example",
                           {"admissions@council.example"});
    RecordingActions none;
    CHECK(milter::MessageProcessor(*no_store).process(message, none).verdict == MtaVerdict::tempfail);

    // Monitor mode: delivered, tagged, and recorded in the audit log.
    MilterBench monitor("mq-monitor", "[policy]\nmode = \"monitor\"\n");
    RecordingActions tagged;
    CHECK(monitor.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, tagged).verdict ==
          MtaVerdict::accept);
    std::string status;
    for (const auto& h : tagged.headers)
        if (h.name == "X-Chaperone" && h.index == 0) status = h.value;
    CHECK(status == "monitor; would quarantine; external; findings=2; rules=pii-in-body");
    CHECK(monitor.archive.sql_int("SELECT COUNT(*) FROM quarantine") == 0);
    CHECK(monitor.archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.monitor' AND "
                                  "json_extract(details, '$.would') = 'quarantine'") == 1);
    CHECK(monitor.relay.messages().empty());
}
