// The quarantine through a real Postfix on loopback: a pupil's DOB to an outside address is
// held (never reaches the sink), listed, its sender notified through the relay; released, it
// arrives once with the footer, and a second release fails clearly. A protected zip passes,
// a message naming another family's child is held, a pupil account writing outside is
// rejected with a 5xx.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "quarantine_stack.h"

using namespace chaperone::test;
using nlohmann::json;

namespace {

const char* kFooterWords = "Registered office: Pembury Lane, Leicester LE4 1FX.";
const char* kJo = "j.bloggs@school.example";

std::filesystem::path message(const std::string& name) { return policy_fixture("messages/" + name + ".eml"); }

json quarantine_list(const QuarantineStack& stack) {
    RunResult r = stack.cli({"quarantine", "list", "--json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output);
}

}  // namespace

TEST_CASE("quarantine through Postfix: held, listed, notified, released once with the footer", "[e2e][quarantine]") {
    QuarantineStack stack("quarantine");
    INFO(stack.error);
    REQUIRE(stack.error.empty());

    // A pupil's date of birth to an outside address: accepted by the MTA (the milter took
    // it into quarantine and told Postfix to drop its copy), never delivered.
    SendResult held = stack.send(kJo, "admissions@council.example", message("dob-in-body"));
    INFO(held.output);
    REQUIRE(held.accepted);

    // Only the sender's notice reaches the sink, through the release relay.
    REQUIRE(stack.sink().wait_for(1, std::chrono::seconds(60)) == 1);
    SinkContents after_hold = sink_contents(stack.sink());
    CHECK(after_hold.originals.empty());
    REQUIRE(after_hold.notices.size() == 1);
    CapturedMail notice(after_hold.notices.front());
    CHECK(notice.recipients() == std::vector<std::string>{kJo});
    CHECK(notice.header("Subject") == "Held for review: Trip insurance");
    std::string notice_text = notice.text("text/plain");
    CHECK_THAT(notice_text, Catch::Contains("has NOT been delivered"));
    CHECK_THAT(notice_text, Catch::Contains("(rule pii-in-body)"));
    CHECK(notice_text.find("14/03/2016") == std::string::npos);
    CHECK(notice_text.find("Maisie") == std::string::npos);

    json list = quarantine_list(stack);
    REQUIRE(list.size() == 1);
    const json& entry = list[0];
    CHECK(entry["from"] == "Jo Bloggs <j.bloggs@school.example>");
    CHECK(entry["to"] == json::array({"admissions@council.example"}));
    CHECK(entry["subject"] == "Trip insurance");
    CHECK(entry["rules"] == json::array({"pii-in-body"}));
    CHECK(entry["state"] == "held");
    CHECK(entry["notice"] == "sent");
    std::string id = std::to_string(entry["id"].get<long long>());

    // Released: delivered once, with the footer, exactly as it would have gone out.
    RunResult released = stack.cli({"quarantine", "release", id, "--reason", "the council needs it for the insurance"});
    INFO(released.output);
    REQUIRE(released.exit_code == 0);
    CHECK_THAT(released.output, Catch::StartsWith("released quarantine " + id + ": 250 "));
    REQUIRE(stack.sink().wait_for(2, std::chrono::seconds(60)) == 2);
    SinkContents after_release = sink_contents(stack.sink());
    REQUIRE(after_release.originals.size() == 1);
    CHECK(after_release.originals["dob-in-body@school.example"] == 1);
    CapturedMail delivered(after_release.original_files.front());
    CHECK(delivered.recipients() == std::vector<std::string>{"admissions@council.example"});
    CHECK(delivered.header("X-Chaperone-Released") == id);
    CHECK(delivered.header("X-Chaperone-Disclaimer") == "added");
    CHECK(count_of(delivered.text("text/plain"), kFooterWords) == 1);
    CHECK_THAT(delivered.text("text/plain"), Catch::Contains("date of birth 14/03/2016"));

    // A second release fails clearly and sends nothing.
    RunResult again = stack.cli({"quarantine", "release", id, "--reason", "again"});
    CHECK(again.exit_code == 2);
    CHECK(again.output == "chaperone: held message " + id + " was already released\n");
    CHECK(stack.sink().wait_for(3, std::chrono::seconds(3)) == 2);
    CHECK(quarantine_list(stack)[0]["state"] == "released");
}

TEST_CASE("policy through Postfix: protected zip passes, other family held, pupil account rejected", "[e2e][quarantine]") {
    QuarantineStack stack("policy");
    INFO(stack.error);
    REQUIRE(stack.error.empty());

    // PII inside an AES-encrypted zip, the password given by phone: the sanctioned route.
    SendResult zip = stack.send(kJo, "admissions@council.example", message("protected-zip"));
    INFO(zip.output);
    REQUIRE(zip.accepted);
    // To parent A, naming parent B's child: held (and the sender notified).
    SendResult other = stack.send(kJo, "helen.thornbury@parents.example", message("other-family"));
    REQUIRE(other.accepted);
    // A pupil account writing outside the school: refused at the SMTP level with the reason.
    SendResult pupil = stack.send("maisie.t@pupils.school.example", "friend@mail.example", message("pupil-external"));
    CHECK_FALSE(pupil.accepted);
    CHECK_THAT(pupil.output, Catch::Contains("<** 550 5.7.1 pupil accounts can only send email to addresses inside the school"));
    // A parent told about their own children: delivered.
    REQUIRE(stack.send(kJo, "helen.thornbury@parents.example", message("own-children")).accepted);

    REQUIRE(stack.sink().wait_for(3, std::chrono::seconds(60)) == 3);
    SinkContents sink = sink_contents(stack.sink());
    CHECK(sink.originals.size() == 2);
    CHECK(sink.originals["protected-zip@school.example"] == 1);
    CHECK(sink.originals["own-children@school.example"] == 1);
    CHECK(sink.originals.count("other-family@school.example") == 0);
    CHECK(sink.originals.count("pupil-external@school.example") == 0);
    REQUIRE(sink.notices.size() == 1);
    for (const auto& file : sink.original_files) {
        CapturedMail mail(file);
        CHECK(count_of(mail.text("text/plain"), kFooterWords) == 1);
        if (mail.header("Message-ID") == "<protected-zip@school.example>") {
            CHECK_THAT(mail.header("X-Chaperone"), Catch::StartsWith("deliver; external"));
        }
    }

    json list = quarantine_list(stack);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["to"] == json::array({"helen.thornbury@parents.example"}));
    CHECK(list[0]["rules"] == json::array({"pii-in-body", "other-family"}));

    // The DPO discards it; the record stays, the message is gone.
    std::string id = std::to_string(list[0]["id"].get<long long>());
    RunResult discarded = stack.cli({"quarantine", "discard", id, "--reason", "misdirected: wrong family"});
    INFO(discarded.output);
    CHECK(discarded.exit_code == 0);
    CHECK(quarantine_list(stack)[0]["state"] == "discarded");
    CHECK(stack.cli({"quarantine", "release", id, "--reason", "x"}).exit_code == 2);
    CHECK(stack.postfix->queue_count() == 0);
}
