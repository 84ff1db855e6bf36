// The end-of-message processor without libmilter: footer, headers, fail-closed errors,
// and a defined, logged outcome for every kind of bad input.
#include <catch2/catch.hpp>

#include "log_capture.h"
#include "milter/engine_builder.h"
#include "milter/message_processor.h"
#include "recording_actions.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::test;
using milter::MtaVerdict;

namespace {

std::shared_ptr<const milter::EngineSnapshot> engine(const std::string& extra = "") {
    auto config = policies::load_config_from_string(
        "[school]\nname = \"Pembury Lane Primary School\"\ninternal_domains = [\"school.example\"]\n"
        "[storage]\ndir = \"/tmp/chaperone-unit\"\n[disclaimer]\n" + extra,
        "/etc/chaperone/test.toml");
    REQUIRE(config.is_ok());
    auto snapshot = milter::build_engine_snapshot(std::make_shared<const policies::Config>(std::move(config).value()));
    REQUIRE(snapshot.is_ok());
    return *snapshot;
}

const std::string kPlain =
    "From: Jo Bloggs <j.bloggs@school.example>\nTo: parent@parents.example\nSubject: Trip\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nThe coach leaves at 9.\n";

const char* kFooterStart = "This email and any attachments are confidential";

std::string header_value(const RecordingActions& actions, const std::string& name) {
    for (const auto& h : actions.headers)
        if (h.name == name && h.index == 0) return h.value;
    return "";
}

pii::MimeMessage parse(const std::string& raw) {
    auto m = pii::MimeMessage::parse(raw);
    REQUIRE(m.is_ok());
    return std::move(m).value();
}

std::string decoded_text(const std::string& raw) {
    pii::MimeMessage m = parse(raw);
    GMimeObject* body = m.body();
    REQUIRE(GMIME_IS_PART(body));
    std::string text = pii::decoded_part_bytes(GMIME_PART(body), 1 << 30);
    // The replacement body is sent with CRLF line ends, as the milter protocol wants.
    std::string lf;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
    return lf;
}

}  // namespace

TEST_CASE("external mail gets the footer and the status headers", "[milter][processor]") {
    auto message = collect(kPlain, "j.bloggs@school.example", {"parent@parents.example"});
    RecordingActions actions;
    auto reply = milter::MessageProcessor(engine()).process(message, actions);
    CHECK(reply.verdict == MtaVerdict::accept);
    REQUIRE(actions.body_replaced);
    std::string text = decoded_text(actions.delivered(message));
    CHECK(text.rfind("The coach leaves at 9.\n", 0) == 0);
    CHECK(text.find(kFooterStart) != std::string::npos);
    CHECK(header_value(actions, "X-Chaperone-Disclaimer") == "added");
    CHECK(header_value(actions, "X-Chaperone") == "deliver; external; findings=0");
}

TEST_CASE("internal mail is left alone", "[milter][processor]") {
    auto message = collect(kPlain, "j.bloggs@school.example", {"office@school.example", "head@Staff.School.Example"});
    RecordingActions actions;
    auto reply = milter::MessageProcessor(engine()).process(message, actions);
    CHECK(reply.verdict == MtaVerdict::accept);
    CHECK_FALSE(actions.body_replaced);
    CHECK(header_value(actions, "X-Chaperone-Disclaimer").empty());
    CHECK(header_value(actions, "X-Chaperone") == "deliver; internal");
}

TEST_CASE("forged Chaperone headers from the sender are removed", "[milter][processor]") {
    std::string raw = "X-Chaperone-Disclaimer: added\nX-Chaperone: deliver\nX-Chaperone-Disclaimer: added\n" + kPlain;
    auto message = collect(raw, "j.bloggs@school.example", {"parent@parents.example"});
    RecordingActions actions;
    milter::MessageProcessor(engine()).process(message, actions);
    std::string delivered = actions.delivered(message);
    CHECK(parse(delivered).header("X-Chaperone-Disclaimer") == "added");
    std::size_t count = 0;
    for (std::size_t p = 0; (p = delivered.find("X-Chaperone-Disclaimer:", p)) != std::string::npos; ++p) ++count;
    CHECK(count == 1);
    CHECK(decoded_text(delivered).find(kFooterStart) != std::string::npos);
}

TEST_CASE("fail-closed: an MTA error answers tempfail, or accept with fail_open", "[milter][processor]") {
    LogCapture logs;
    auto message = collect(kPlain, "j.bloggs@school.example", {"parent@parents.example"});
    RecordingActions refusing;
    refusing.fail_body = true;
    CHECK(milter::MessageProcessor(engine()).process(message, refusing).verdict == MtaVerdict::tempfail);
    CHECK(logs.contains("queue_id=TESTQID internal error, tempfail: MTA refused the replacement body"));

    auto again = collect(kPlain, "j.bloggs@school.example", {"parent@parents.example"});
    RecordingActions refusing_again;
    refusing_again.fail_body = true;
    auto config = policies::load_config_from_string(
        "[school]\ninternal_domains = [\"school.example\"]\n[storage]\ndir = \"/tmp/x\"\n[milter]\nfail_open = true\n",
        "/etc/c.toml");
    REQUIRE(config.is_ok());
    auto snapshot = milter::build_engine_snapshot(std::make_shared<const policies::Config>(std::move(config).value()));
    CHECK(milter::MessageProcessor(*snapshot).process(again, refusing_again).verdict == MtaVerdict::accept);
    CHECK(logs.contains("passed unchecked (fail_open = true)"));
}

TEST_CASE("a failure while collecting the body tempfails at end of message", "[milter][processor]") {
    LogCapture logs;
    auto message = collect(kPlain, "j.bloggs@school.example", {"parent@parents.example"});
    message.collect_error = Status::error(Errc::io, "writing body spill file: No space left on device");
    RecordingActions actions;
    auto reply = milter::MessageProcessor(engine()).process(message, actions);
    CHECK(reply.verdict == MtaVerdict::tempfail);
    CHECK(reply.code == "451");
    CHECK(logs.contains("No space left on device"));
    CHECK(actions.headers.empty());
}

TEST_CASE("bad input has a defined, logged outcome", "[milter][processor][badinput]") {
    std::string big_attachment;
    {
        std::string b64line(76, 'A');
        std::string lines;
        for (int i = 0; i < 30 * 1024 * 1024 / 57; ++i) lines += b64line + "\n";  // ~30 MB decoded
        big_attachment = "From: a@school.example\nTo: p@parents.example\nSubject: Photos\nMIME-Version: 1.0\n"
                         "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nPhotos attached.\n"
                         "--b\nContent-Type: application/octet-stream; name=\"photos.bin\"\nContent-Transfer-Encoding: base64\n"
                         "Content-Disposition: attachment; filename=\"photos.bin\"\n\n" + lines + "--b--\n";
    }
    std::string many_parts = "From: a@school.example\nTo: p@parents.example\nSubject: Parts\nMIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed; boundary=\"p\"\n\n";
    for (int i = 0; i < 10000; ++i) many_parts += "--p\nContent-Type: text/plain\n\npart " + std::to_string(i) + "\n";
    many_parts += "--p--\n";
    std::string huge_header = "From: a@school.example\nTo: p@parents.example\nSubject: " + std::string(100 * 1024, 'x') +
                              "\nMIME-Version: 1.0\nContent-Type: text/plain\n\nHello.\n";
    std::string no_boundary = "From: a@school.example\nTo: p@parents.example\nSubject: Broken\nMIME-Version: 1.0\n"
                              "Content-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nHello.\n--x--\n";
    std::string eight_bit_headers = "From: Zo\xC3\xAB Dupr\xC3\xA9 <z@school.example>\nTo: p@parents.example\n"
                                    "Subject: Caf\xE9 menu\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                                    "Menu attached.\n";

    struct Case {
        const char* name;
        std::string raw;
        MtaVerdict verdict;
        std::string disclaimer;  // X-Chaperone-Disclaimer value
        std::string log;         // a line that must be logged
        bool spilled;
    };
    std::vector<Case> cases = {
        {"30 MB attachment (spilled to disk)", big_attachment, MtaVerdict::accept, "added", "external=1", true},
        {"10,000-part message", many_parts, MtaVerdict::accept, "nothing-to-foot", "no disclaimer added", false},
        {"100 KB header", huge_header, MtaVerdict::accept, "added", "external=1", false},
        {"multipart without boundary", no_boundary, MtaVerdict::accept, "nothing-to-foot", "MIME repaired while parsing", false},
        {"8-bit headers", eight_bit_headers, MtaVerdict::accept, "added", "MIME repaired while parsing: unencoded 8-bit header", false},
    };
    for (auto& c : cases) {
        INFO(c.name);
        LogCapture logs;
        auto message = collect(c.raw, "a@school.example", {"p@parents.example"}, 4 << 20);
        CHECK(message.body.spilled() == c.spilled);
        RecordingActions actions;
        // What the milter does with the bytes, not what the policy thinks of an unreadable
        // attachment or a part-count limit (rule unscannable-attachment would hold both).
        auto reply = milter::MessageProcessor(engine("[rules.unscannable-attachment]\nenabled = false\n"))
                         .process(message, actions);
        CHECK(reply.verdict == c.verdict);
        CHECK(header_value(actions, "X-Chaperone-Disclaimer") == c.disclaimer);
        INFO(logs.all());
        CHECK(logs.contains(c.log));
    }
}

TEST_CASE("oversized messages: external rejected with a reason, internal passed", "[milter][processor][badinput]") {
    auto message = collect(kPlain, "j.bloggs@school.example", {"parent@parents.example"});
    message.oversized = true;
    RecordingActions actions;
    auto reply = milter::MessageProcessor(engine()).process(message, actions);
    CHECK(reply.verdict == MtaVerdict::reject);
    CHECK(reply.code == "552");
    CHECK(reply.text.find("too large") != std::string::npos);

    auto internal = collect(kPlain, "j.bloggs@school.example", {"office@school.example"});
    internal.oversized = true;
    RecordingActions none;
    CHECK(milter::MessageProcessor(engine()).process(internal, none).verdict == MtaVerdict::accept);
}
