// Every [limits] key of ExtractionLimits, reached on purpose: reported as a LimitHit with
// the key's name (and the attachment unreadable where part of it went unread), never a
// crash or a silent skip.
#include "extract_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("max_extracted_bytes: text cut on a UTF-8 boundary, body first", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_extracted_bytes = 40;
    pii::Extraction e = extract_eml("attachments.eml", limits);
    // "Class list\n\nPlease find the list attached." is 43 bytes: the body takes the budget.
    CHECK(source_names(e) == std::vector<std::string>{"body"});
    CHECK(text_of(e, "body") == "Class list\n\nPlease find the list attache");
    // The xlsx cannot even inflate its parts: the inflating budget is 4 x 40 bytes.
    CHECK(limit_hits(e) == std::vector<std::string>{
                               "body | max_extracted_bytes | text cut at 40 bytes in total",
                               "class-list.xlsx | max_extracted_bytes | [Content_Types].xml: entry declares 1503 bytes, more than the message may still inflate",
                               "notes.txt | max_extracted_bytes | text cut at 40 bytes in total",
                               "notes.txt (2) | max_extracted_bytes | text cut at 40 bytes in total",
                           });
    CHECK(e.attachments[1].protection == pii::Protection::unreadable);
    CHECK(e.attachments[6].name == "notes.txt");
    CHECK(e.attachments[6].protection == pii::Protection::unreadable);
    CHECK(e.attachments[6].detail == "text beyond max_extracted_bytes not read");

    limits.max_extracted_bytes = 14;  // "Zoë" must not be split inside "ë"
    e = extract_fixture("notes-1252.txt", limits);
    CHECK(text_of(e, "notes-1252.txt") == "Zoë’s café");
}

TEST_CASE("max_extracted_bytes also bounds what archives may inflate in total", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_extracted_bytes = 1000;  // inflating budget 4000 bytes; letter.docx's XML is more
    pii::Extraction e = extract_fixture("plain.zip", limits);
    REQUIRE(e.attachments.size() == 3);
    CHECK(e.attachments[2].name == "plain.zip/docs/letter.docx");
    CHECK(e.attachments[2].protection == pii::Protection::unreadable);
    CHECK(e.attachments[2].detail.find("more than the message may still inflate") != std::string::npos);
    bool reported = false;
    for (const auto& hit : e.limits) reported |= hit.limit == "max_extracted_bytes" && hit.where == "plain.zip/docs/letter.docx";
    CHECK(reported);
}

TEST_CASE("max_attachment_bytes: a MIME attachment and an archive entry over it", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_attachment_bytes = 5000;
    pii::Extraction e = extract_eml("attachments.eml", limits);
    CHECK(reports(e)[1] == "class-list.xlsx | application/vnd.openxmlformats-officedocument.spreadsheetml.sheet | xlsx | unreadable | 0 | "
                           "larger than max_attachment_bytes (5000 bytes): not read");
    CHECK(limit_hits(e) == std::vector<std::string>{
                               "class-list.xlsx | max_attachment_bytes | over 5000 bytes",
                               "letter.pdf | max_attachment_bytes | over 5000 bytes",
                           });

    limits.max_attachment_bytes = 7000;  // plain.zip is 6653 bytes; letter.docx inside it 7111
    e = extract_fixture("plain.zip", limits);
    CHECK(reports(e)[2] == "plain.zip/docs/letter.docx |  | docx | unreadable | 1 | entry declares 7111 bytes, over 7000");
    CHECK(limit_hits(e) == std::vector<std::string>{"plain.zip/docs/letter.docx | max_attachment_bytes | entry declares 7111 bytes, over 7000"});

    limits.max_attachment_bytes = 6000;  // and the zip itself over the limit
    e = extract_fixture("plain.zip", limits);
    CHECK(reports(e) == std::vector<std::string>{"plain.zip |  | other | unreadable | 0 | larger than max_attachment_bytes (6000 bytes)"});
    CHECK(limit_hits(e) == std::vector<std::string>{"plain.zip | max_attachment_bytes | 6653 bytes, over 6000"});
}

TEST_CASE("max_archive_entries: the first entries are read, the archive is unreadable", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_archive_entries = 1;
    pii::Extraction e = extract_fixture("plain.zip", limits);
    CHECK(reports(e) == std::vector<std::string>{
                            "plain.zip |  | zip | unreadable | 0 | only the first 1 of 3 entries read (max_archive_entries)",
                            "plain.zip/class-list-1252.csv |  | csv | none | 1 | ",
                        });
    CHECK(limit_hits(e) == std::vector<std::string>{"plain.zip | max_archive_entries | 3 entries, read the first 1"});
}

TEST_CASE("max_archive_depth: zero means archives are not opened at all", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_archive_depth = 0;
    pii::Extraction e = extract_fixture("plain.zip", limits);
    CHECK(reports(e) == std::vector<std::string>{"plain.zip |  | zip | unreadable | 0 | archive nested deeper than max_archive_depth (0)"});
    CHECK(limit_hits(e) == std::vector<std::string>{"plain.zip | max_archive_depth | archive nested 1 deep"});
}

TEST_CASE("max_compression_ratio: reported with the ratio found", "[extract][limits]") {
    pii::Extraction e = extract_fixture("bomb.zip");
    CHECK(limit_hits(e) == std::vector<std::string>{"bomb.zip/zeros.bin | max_compression_ratio | compression ratio 1029:1 declared, over 150:1"});
    pii::ExtractionLimits lenient;
    lenient.max_compression_ratio = 2000;  // 5 MB of zeros is then read (and is text-less binary)
    e = extract_fixture("bomb.zip", lenient);
    CHECK(e.limits.empty());
    CHECK(reports(e)[1] == "bomb.zip/zeros.bin |  | other | unreadable | 1 | unknown binary format: not read");
}

TEST_CASE("max_mime_parts: parts after the limit are not walked, and that is reported", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_mime_parts = 5;  // the multipart, the body part, part-01 .. part-03
    pii::Extraction e = extract_eml("many-parts.eml", limits);
    CHECK(source_names(e) == std::vector<std::string>{"body", "part-01.txt", "part-02.txt", "part-03.txt"});
    CHECK(limit_hits(e) == std::vector<std::string>{"message | max_mime_parts | more than 5 MIME parts"});
}

TEST_CASE("max_mime_depth: multiparts nested deeper are reported", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_mime_depth = 3;
    pii::Extraction e = extract_eml("nested-multipart.eml", limits);
    CHECK(text_of(e, "body") == "Deep");
    CHECK(limit_hits(e) == std::vector<std::string>{"message | max_mime_depth | MIME parts nested more than 3 deep"});
    limits.max_mime_depth = 5;
    e = extract_eml("nested-multipart.eml", limits);
    CHECK(text_of(e, "body") == "Deep\n\nDeep text about Oliver Bennett.");
    CHECK(e.limits.empty());
}

TEST_CASE("max_mime_depth: an attached message at the limit is not opened", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_mime_depth = 1;
    pii::Extraction e = extract_eml("forwarded-attached.eml", limits);
    CHECK(reports(e) == std::vector<std::string>{"original.eml | message/rfc822 | eml | unreadable | 0 | message nested deeper than max_mime_depth"});
    CHECK(limit_hits(e) == std::vector<std::string>{"original.eml | max_mime_depth | message nested more than 1 deep"});
}

TEST_CASE("max_pdf_pages: the first pages are read, the PDF is unreadable", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_pdf_pages = 2;
    pii::Extraction e = extract_fixture("three-pages.pdf", limits);
    std::string two = text_of(e, "three-pages.pdf");
    CHECK(std::count(two.begin(), two.end(), 'Y') == 2);  // "Year 6 residential trip" twice
    CHECK(reports(e) == std::vector<std::string>{
                            "three-pages.pdf |  | pdf | unreadable | 0 | only the first 2 of 3 pages read (max_pdf_pages)"});
    CHECK(limit_hits(e) == std::vector<std::string>{"three-pages.pdf | max_pdf_pages | 3 pages, read the first 2"});
}

TEST_CASE("a body part over max_attachment_bytes is cut and reported", "[extract][limits]") {
    pii::ExtractionLimits limits;
    limits.max_attachment_bytes = 10;
    pii::Extraction e = extract_eml("forwarded-inline.eml", limits);
    CHECK(text_of(e, "body").rfind("Fwd: Amelia's inhaler\n\nSee below.", 0) == 0);
    CHECK(limit_hits(e) == std::vector<std::string>{"body | max_attachment_bytes | a body part is over 10 bytes; the rest was not read"});
}

TEST_CASE("max_archive_entries also bounds the entries of all archives of a message together", "[extract][limits]") {
    // deep.zip nests 6 archives of one entry each. With max_archive_entries 1 every archive
    // is within its own limit, but the message may visit only 4 entries in all
    // (kArchiveEntriesPerMessageFactor x 1), so the fifth archive's entry is not read.
    pii::ExtractionLimits limits;
    limits.max_archive_entries = 1;
    limits.max_archive_depth = 8;
    pii::Extraction e = extract_fixture("deep.zip", limits);
    CHECK(e.texts.empty());
    CHECK(reports(e).back() == "deep.zip/d2.zip/d3.zip/d4.zip/d5.zip |  | zip | unreadable | 4 | "
                               "not every entry read: the message's archives hold too many entries (max_archive_entries)");
    CHECK(limit_hits(e) == std::vector<std::string>{
                               "deep.zip/d2.zip/d3.zip/d4.zip/d5.zip | max_archive_entries | more than 4 archive entries in the message"});
}
