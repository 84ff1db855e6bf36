// Scanner: the front door. Messages (body, Subject, attachments) and files, with the
// correspondents' names taken from the message's own headers.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/mime/mime_message.h"
#include "pii/scanner.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

// A teacher's reply to a parent, with a CSV class list attached: the greeting and the
// signature are the correspondents'; the pupil names and the list are findings.
const std::string kMessage =
    "From: Jane Bloggs <j.bloggs@school.example>\r\n"
    "To: \"Bennett, Sarah\" <sarah.bennett@parents.example>\r\n"
    "Cc: Grandad Jones <gjones@mail.example>\r\n"
    "Subject: Oliver's reading\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Dear Sarah,\r\n"
    "Oliver read brilliantly today. Please thank Grandad Jones for the lift.\r\n"
    "Amelia Okafor has the book next.\r\n"
    "\r\n"
    "Kind regards,\r\n"
    "Jane Bloggs\r\n"
    "--b1\r\n"
    "Content-Type: text/csv; name=\"group.csv\"\r\n"
    "Content-Disposition: attachment; filename=\"group.csv\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    // "Forename,Surname,DOB\nGrace,Brown,2017-02-02\n"
    "Rm9yZW5hbWUsU3VybmFtZSxET0IKR3JhY2UsQnJvd24sMjAxNy0wMi0wMgo=\r\n"
    "--b1--\r\n";

Scanner make_scanner() {
    ScanSettings settings;
    return Scanner(settings, sample_index());
}

ScanContext envelope() {
    ScanContext c;
    c.sender.address = "j.bloggs@school.example";
    c.recipients = {{"sarah.bennett@parents.example", ""}};
    c.school_address = "Pembury Lane, Leicester LE4 1FX";
    c.school_phones = {"0116 496 0720"};
    c.internal_domains = {"school.example"};
    return c;
}

std::vector<std::string> describe(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& f : findings) out.push_back(std::string(kind_name(f.kind)) + " [" + f.where + "] " + f.text);
    return out;
}

}  // namespace

TEST_CASE("with_header_names fills display names and adds header recipients", "[scanner]") {
    auto message = MimeMessage::parse(kMessage);
    REQUIRE(message.is_ok());
    const ScanContext c = with_header_names(*message, envelope());
    CHECK(c.sender.display_name == "Jane Bloggs");
    REQUIRE(c.recipients.size() == 2);
    CHECK(c.recipients[0].display_name == "Bennett, Sarah");
    CHECK(c.recipients[1].address == "gjones@mail.example");
    CHECK(c.recipients[1].display_name == "Grandad Jones");
    // A name the caller gave is kept.
    ScanContext given = envelope();
    given.recipients[0].display_name = "Mum";
    CHECK(with_header_names(*message, given).recipients[0].display_name == "Mum");
}

TEST_CASE("scan_message: body with Subject, attachments, correspondents left out", "[scanner]") {
    auto message = MimeMessage::parse(kMessage);
    REQUIRE(message.is_ok());
    const ScanReport report = make_scanner().scan_message(*message, envelope());
    REQUIRE(report.extraction.attachments.size() == 1);
    CHECK(describe(report.findings) == std::vector<std::string>{
                                           "person_name [body] Oliver",          // the Subject line
                                           "person_name [body] Oliver",          // the body
                                           "person_name [body] Amelia Okafor",
                                           "person_name [group.csv] Grace\tBrown",
                                           "dob [group.csv] 2017-02-02",
                                       });
    // Offsets point into the extracted text of their source.
    for (const Finding& f : report.findings) {
        const auto source = std::find_if(report.extraction.texts.begin(), report.extraction.texts.end(),
                                         [&](const TextSource& t) { return t.where == f.where; });
        REQUIRE(source != report.extraction.texts.end());
        CHECK(source->text.substr(f.start, f.end - f.start) == f.text);
    }
    // The roster ties: Oliver is the recipient's son; Amelia is another family's child.
    CHECK(report.findings[1].pupil_upns == std::vector<std::string>{"B801200005001"});
    CHECK(report.findings[2].pupil_upns == std::vector<std::string>{"H856212316001"});
}

TEST_CASE("scan_file reads text files and messages", "[scanner]") {
    chaperone::test::ScratchDir dir("scanner_test");
    chaperone::test::write_file(dir / "note.txt", "Please call Mrs Okafor on 07700 900456.\n");
    const auto text = make_scanner().scan_file(dir / "note.txt", envelope());
    REQUIRE(text.is_ok());
    CHECK(describe(text->findings) == std::vector<std::string>{"person_name [note.txt] Mrs Okafor", "phone [note.txt] 07700 900456"});

    chaperone::test::write_file(dir / "reply.eml", kMessage);
    const auto eml = make_scanner().scan_file(dir / "reply.eml", envelope());
    REQUIRE(eml.is_ok());
    CHECK(eml->findings.size() == 5);

    const auto missing = make_scanner().scan_file(dir / "nope.txt", envelope());
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().code() == Errc::not_found);
}

TEST_CASE("a Scanner without a roster still runs the generic detectors", "[scanner]") {
    const Scanner bare(ScanSettings{}, nullptr);
    const auto found = bare.scan_text("Mrs Kowalski, NHS 943 476 5919, LE4 6XT", "body", envelope());
    CHECK(describe(found) == std::vector<std::string>{"person_name [body] Mrs Kowalski", "nhs_number [body] 943 476 5919",
                                                       "postcode [body] LE4 6XT"});
}
