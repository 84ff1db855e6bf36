// Messages to text: the body (Subject first), HTML alternatives, charsets, forwarded
// messages inline and attached, attachment naming, broken MIME.
#include "extract_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("subject first, then the plain part, then the HTML alternative that adds words", "[extract][mime]") {
    pii::Extraction e = extract_eml("html-alternative.eml");
    CHECK(source_names(e) == std::vector<std::string>{"body"});
    CHECK(text_of(e, "body") == lines({
                                    "Trip – Zoë",  // RFC 2047 encoded Subject
                                    "",
                                    "Dear Mrs Bennett,",
                                    "Oliver Bennett's trip form is attached.",
                                    "",
                                    "Dear Mrs Bennett,",
                                    "",
                                    "Oliver's trip & Amelia’s form — £25 €5 – ok.",
                                    "",
                                    "Line one",
                                    "Line two",
                                    "Line three",
                                    "",
                                    "Name\tDate of birth",
                                    "Oliver Bennett\t03/04/2016",
                                    "\t21/11/2015",
                                    "",
                                    "First item",
                                    "Second bold item",
                                    "",
                                    "Softhyphen and &unknown; and AT&T and 5 < 6",
                                    "",
                                    "  keep   spaces",
                                    "  here",
                                }));
    CHECK(e.attachments.empty());
    CHECK(e.limits.empty());
}

TEST_CASE("an HTML alternative that only repeats the plain part is not counted twice", "[extract][mime]") {
    const std::string raw =
        "From: a@school.example\nTo: b@parents.example\nSubject: Same\nMIME-Version: 1.0\n"
        "Content-Type: multipart/alternative; boundary=A\n\n"
        "--A\nContent-Type: text/plain\n\nOliver Bennett, 03/04/2016.\n"
        "--A\nContent-Type: text/html\n\n<p><b>Oliver</b> Bennett,<br>03/04/2016.</p>\n--A--\n";
    auto message = pii::MimeMessage::parse(raw);
    REQUIRE(message.is_ok());
    pii::Extraction e = pii::extract_message(*message, {});
    CHECK(text_of(e, "body") == "Same\n\nOliver Bennett, 03/04/2016.");
}

TEST_CASE("every charset is converted to UTF-8, wrong declarations repaired", "[extract][mime]") {
    pii::Extraction e = extract_eml("charsets.eml");
    CHECK(text_of(e, "body") == lines({
                                    "Charsets",
                                    "",
                                    "Zoë Brônte paid € 5",  // ISO-8859-1 label, 0x80 read as windows-1252
                                    "",
                                    "Renée’s café",
                                    "",
                                    "Łucja Nowak – 07700 900124",
                                    "",
                                    "François is declared UTF-8 but written Latin-1",
                                    "",
                                    "Zoë is declared ASCII but written UTF-8",
                                    "",
                                    "No charset: café",
                                    "",
                                    "Привет",
                                    "",
                                    "Unknown charset: naïve",
                                    "",
                                    "Meta charset: Søren",
                                }));
    CHECK(e.attachments.empty());
}

TEST_CASE("a forwarded message shown inline joins the body with its header block", "[extract][mime]") {
    pii::Extraction e = extract_eml("forwarded-inline.eml");
    CHECK(source_names(e) == std::vector<std::string>{"body"});
    CHECK(text_of(e, "body") == lines({
                                    "Fwd: Amelia's inhaler",
                                    "",
                                    "See below.",
                                    "",
                                    "From: Sarah Bennett <sarah.bennett@parents.example>",
                                    "To: office@school.example",
                                    "Date: Fri, 30 May 2025 18:00:00 +0100",
                                    "Subject: Amelia's inhaler",
                                    "",
                                    "Amelia Clarke needs her inhaler on the trip.",
                                }));
    CHECK(e.attachments.empty());
}

TEST_CASE("an attached message is its own source, its attachments nested under its name", "[extract][mime]") {
    pii::Extraction e = extract_eml("forwarded-attached.eml");
    CHECK(source_names(e) == std::vector<std::string>{"body", "original.eml", "original.eml/class-list.csv"});
    CHECK(text_of(e, "body") == "Fwd: list\n\nThe original is attached.");
    CHECK(text_of(e, "original.eml") == lines({
                                            "From: Sarah Bennett <sarah.bennett@parents.example>",
                                            "To: office@school.example",
                                            "Date: Fri, 30 May 2025 18:00:00 +0100",
                                            "Subject: Amelia's inhaler",
                                            "",
                                            "Here is the class list.",
                                        }));
    CHECK(text_of(e, "original.eml/class-list.csv").rfind("Name\tDate of birth\tPostcode\tNotes\nOliver Bennett\t03/04/2016", 0) == 0);
    CHECK(reports(e) == std::vector<std::string>{
                            "original.eml | message/rfc822 | eml | none | 0 | ",
                            "original.eml/class-list.csv | text/csv | csv | none | 1 | ",
                        });
    CHECK(e.attachments[0].size > 600);
    CHECK(e.attachments[1].size == attachment_fixture("class-list-1252.csv").size());
}

TEST_CASE("attachments: every one reported, inline image, same names made unique, unnamed parts", "[extract][mime]") {
    pii::Extraction e = extract_eml("attachments.eml");
    CHECK(source_names(e) == std::vector<std::string>{"body", "class-list.xlsx", "notes.txt", "notes.txt (2)"});
    CHECK(text_of(e, "body") == "Class list\n\nPlease find the list attached.");
    CHECK(text_of(e, "notes.txt") == "First notes file.");
    CHECK(text_of(e, "notes.txt (2)") == "Second notes file.");
    CHECK(text_of(e, "class-list.xlsx").rfind("Year 6 Oak\nName\tDate of birth", 0) == 0);
    CHECK(reports(e) ==
          std::vector<std::string>{
              "attachment-1 | image/png | image | none | 0 | image: no text extracted",
              "class-list.xlsx | application/vnd.openxmlformats-officedocument.spreadsheetml.sheet | xlsx | none | 0 | ",
              "letter.pdf | application/pdf | pdf | pdf | 0 | PDF encrypted (AES-256); a user password is required to open it",
              "pupils.zip | application/zip | zip | aes | 0 | all 2 entries encrypted (AES-256)",
              "pupils.zip/class-list-1252.csv |  | csv | aes | 1 | encrypted entry (AES-256)",
              "pupils.zip/notes.txt |  | txt | aes | 1 | encrypted entry (AES-256)",
              "notes.txt | text/plain | txt | none | 0 | ",
              "notes.txt (2) | text/plain | txt | none | 0 | ",
              "attachment-2 | application/octet-stream | other | unreadable | 0 | unknown binary format: not read",
          });
    CHECK(e.attachments[1].size == attachment_fixture("class-list.xlsx").size());
    CHECK(e.attachments[8].size == 256);
    CHECK(e.limits.empty());
}

TEST_CASE("broken MIME: truncated base64, a stray header line, a missing closing boundary", "[extract][mime]") {
    pii::Extraction e = extract_eml("malformed.eml");
    CHECK(text_of(e, "body") == "Broken\n\nFirst part text.\n\nOliver Bennett is in Year 6.");
    CHECK(text_of(e, "list.csv") == "Name\tDOB\nOliver Bennett\t03/04/2016");
    CHECK(reports(e) == std::vector<std::string>{
                            "list.csv | text/csv | csv | none | 0 | ",
                            "cut.pdf | application/pdf | pdf | unreadable | 0 | corrupt PDF: cannot be parsed",
                        });
}

TEST_CASE("format=flowed lines are joined, delsp=yes removing the wrapper's space", "[extract][mime]") {
    pii::Extraction e = extract_eml("flowed.eml");
    CHECK(text_of(e, "body") == lines({
                                    "Flowed",
                                    "",
                                    "This is a long line that was wrapped by the mail client so that Oliver Bennett is split "
                                    "across two lines, and so is a long word.",
                                    ">not a quote, space-stuffed",
                                    "-- ",
                                    "Mr Teacher",
                                }));
}

TEST_CASE("a message file given to extract_file is read as a message", "[extract][mime]") {
    std::string raw = read_file(tests_path("fixtures/mime/forwarded-attached.eml"));
    pii::Extraction e = pii::extract_file(raw, "forwarded-attached.eml", {});
    CHECK(source_names(e) == std::vector<std::string>{"body", "original.eml", "original.eml/class-list.csv"});
    CHECK(text_of(e, "body") == "Fwd: list\n\nThe original is attached.");
}

TEST_CASE("a message without a Subject still starts the body with its (empty) subject line", "[extract][mime]") {
    auto message = pii::MimeMessage::parse("From: a@school.example\nTo: b@parents.example\n\nJust text.\n");
    REQUIRE(message.is_ok());
    pii::Extraction e = pii::extract_message(*message, {});
    CHECK(text_of(e, "body") == "\n\nJust text.");
}

TEST_CASE("signed and encrypted parts are reported for what they are", "[extract][mime]") {
    const std::string raw =
        "From: a@school.example\nTo: b@parents.example\nSubject: Signed\nMIME-Version: 1.0\n"
        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=S\n\n"
        "--S\nContent-Type: text/plain\n\nSigned text.\n"
        "--S\nContent-Type: application/pkcs7-signature; name=smime.p7s\nContent-Transfer-Encoding: base64\n\nMIIBAA==\n"
        "--S\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\n"
        "Content-Transfer-Encoding: base64\n\nMIIBAA==\n"
        "--S\nContent-Type: application/octet-stream; name=msg.asc\n\n-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----\n"
        "--S--\n";
    auto message = pii::MimeMessage::parse(raw);
    REQUIRE(message.is_ok());
    pii::Extraction e = pii::extract_message(*message, {});
    CHECK(text_of(e, "body") == "Signed\n\nSigned text.");
    CHECK(reports(e) == std::vector<std::string>{
                            "smime.p7s | application/pkcs7-signature | signature | none | 0 | signature part: no text",
                            "smime.p7m | application/pkcs7-mime | smime | unreadable | 0 | S/MIME encrypted or opaque-signed content: cannot be read",
                            "msg.asc | application/octet-stream | pgp | unreadable | 0 | PGP-encrypted data: cannot be read",
                        });
}
