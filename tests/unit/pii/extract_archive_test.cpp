// ZIP archives: entries read recursively and named "outer.zip/inner", nesting, and zip
// bombs stopped before they inflate (declared ratio, lying sizes, overlapping entries).
#include "extract_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("a plain zip: every entry read and reported under the archive's name", "[extract][archive]") {
    pii::Extraction e = extract_fixture("plain.zip");
    CHECK(source_names(e) == std::vector<std::string>{"plain.zip/class-list-1252.csv", "plain.zip/docs/letter.docx"});
    CHECK(text_of(e, "plain.zip/class-list-1252.csv").rfind("Name\tDate of birth\tPostcode\tNotes\n", 0) == 0);
    CHECK(text_of(e, "plain.zip/docs/letter.docx").rfind("Year 6 residential trip\nDear Mrs Bennett,\n", 0) == 0);
    CHECK(reports(e) == std::vector<std::string>{
                            "plain.zip |  | zip | none | 0 | ",
                            "plain.zip/class-list-1252.csv |  | csv | none | 1 | ",
                            "plain.zip/docs/letter.docx |  | docx | none | 1 | ",
                        });
    CHECK(e.attachments[1].size == attachment_fixture("class-list-1252.csv").size());
    CHECK(e.attachments[2].size == attachment_fixture("letter.docx").size());
    CHECK(e.limits.empty());
}

TEST_CASE("a zip in a zip: the spreadsheet inside is read two levels down", "[extract][archive]") {
    pii::Extraction e = extract_fixture("nested.zip");
    CHECK(source_names(e) == std::vector<std::string>{"nested.zip/inner.zip/class-list.xlsx"});
    CHECK(text_of(e, "nested.zip/inner.zip/class-list.xlsx").find("Oliver Bennett\t03/04/2016\tLE4 6XT") != std::string::npos);
    CHECK(reports(e) == std::vector<std::string>{
                            "nested.zip |  | zip | none | 0 | ",
                            "nested.zip/inner.zip |  | zip | none | 1 | ",
                            "nested.zip/inner.zip/class-list.xlsx |  | xlsx | none | 2 | ",
                        });
}

TEST_CASE("archives nested deeper than max_archive_depth are reported, not opened", "[extract][archive][limits]") {
    pii::Extraction e = extract_fixture("deep.zip");  // d1 > d2 > ... > d6 > note.txt
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "deep.zip |  | zip | none | 0 | ",
                            "deep.zip/d2.zip |  | zip | none | 1 | ",
                            "deep.zip/d2.zip/d3.zip |  | zip | none | 2 | ",
                            "deep.zip/d2.zip/d3.zip/d4.zip |  | zip | none | 3 | ",
                            "deep.zip/d2.zip/d3.zip/d4.zip/d5.zip |  | zip | unreadable | 4 | archive nested deeper than max_archive_depth (4)",
                        });
    CHECK(limit_hits(e) == std::vector<std::string>{"deep.zip/d2.zip/d3.zip/d4.zip/d5.zip | max_archive_depth | archive nested 5 deep"});

    pii::ExtractionLimits deeper;
    deeper.max_archive_depth = 6;
    e = extract_fixture("deep.zip", deeper);
    CHECK(text_of(e, "deep.zip/d2.zip/d3.zip/d4.zip/d5.zip/d6.zip/note.txt") == "Deepest note about Oliver Bennett");
    CHECK(e.limits.empty());
}

TEST_CASE("zip bomb: a 1029:1 entry is refused from its declared sizes, before inflating", "[extract][archive][bomb]") {
    pii::Extraction e = extract_fixture("bomb.zip");  // 5 MB of zeros in 5 KB
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "bomb.zip |  | zip | none | 0 | ",
                            "bomb.zip/zeros.bin |  | other | unreadable | 1 | compression ratio 1029:1 declared, over 150:1",
                        });
    CHECK(limit_hits(e) == std::vector<std::string>{"bomb.zip/zeros.bin | max_compression_ratio | compression ratio 1029:1 declared, over 150:1"});
}

TEST_CASE("zip bomb: an entry lying about its size is stopped as it inflates", "[extract][archive][bomb]") {
    pii::Extraction e = extract_fixture("bomb-lying.zip");  // declares 1000 bytes, holds 5 MB
    CHECK(reports(e) == std::vector<std::string>{
                            "bomb-lying.zip |  | zip | none | 0 | ",
                            "bomb-lying.zip/zeros.bin |  | other | unreadable | 1 | entry inflates past its declared size of 1000 bytes (corrupt, or a zip bomb)",
                        });
    // With a ratio limit so low that even the lie is over it, the streaming ratio check stops it.
    pii::ExtractionLimits strict;
    strict.max_compression_ratio = 0.1;
    e = extract_fixture("bomb.zip", strict);
    CHECK(limit_hits(e) == std::vector<std::string>{"bomb.zip/zeros.bin | max_compression_ratio | compression ratio 1029:1 declared, over 0:1"});
}

TEST_CASE("zip bomb: entries overlapping one compressed stream are refused", "[extract][archive][bomb]") {
    pii::Extraction e = extract_fixture("bomb-overlap.zip");  // 10 entries x 2 MB, one stream
    CHECK(reports(e) == std::vector<std::string>{"bomb-overlap.zip |  | zip | unreadable | 0 | zip bomb: entries overlap"});
    CHECK(limit_hits(e) == std::vector<std::string>{
                               "bomb-overlap.zip | max_compression_ratio | zip entries overlap (one compressed stream counted many times)"});
}

TEST_CASE("zip bomb: nested bombs are each stopped, and the whole costs little", "[extract][archive][bomb]") {
    pii::Extraction e = extract_fixture("bomb-nested.zip");
    REQUIRE(e.attachments.size() == 9);
    CHECK(e.limits.size() == 4);
    for (const auto& hit : e.limits) CHECK(hit.limit == "max_compression_ratio");
    for (int i = 1; i <= 4; ++i) {
        std::string inner = "bomb-nested.zip/b" + std::to_string(i) + ".zip";
        CHECK(e.attachments[2 * i - 1].name == inner);
        CHECK(e.attachments[2 * i].name == inner + "/zeros.bin");
        CHECK(e.attachments[2 * i].protection == pii::Protection::unreadable);
    }
}

TEST_CASE("not a zip, though it starts like one", "[extract][archive]") {
    pii::Extraction e = extract_fixture("not-a-zip.zip");
    CHECK(reports(e) == std::vector<std::string>{"not-a-zip.zip |  | zip | unreadable | 0 | corrupt zip: Not a zip archive"});
}

TEST_CASE("an empty zip is readable and empty", "[extract][archive]") {
    std::string empty("PK\x05\x06" + std::string(18, '\0'));
    pii::Extraction e = pii::extract_file(empty, "empty.zip", {});
    CHECK(reports(e) == std::vector<std::string>{"empty.zip |  | zip | none | 0 | empty archive"});
}

TEST_CASE("a message inside a zip is read with its own attachments nested under it", "[extract][archive]") {
    pii::Extraction e = extract_fixture("mail.zip");
    CHECK(source_names(e) == std::vector<std::string>{"mail.zip/forwarded-attached.eml",
                                                      "mail.zip/forwarded-attached.eml/original.eml",
                                                      "mail.zip/forwarded-attached.eml/original.eml/class-list.csv"});
    CHECK(text_of(e, "mail.zip/forwarded-attached.eml") == lines({
                                                              "From: Mr Teacher <teacher@school.example>",
                                                              "To: Sarah Bennett <sarah.bennett@parents.example>",
                                                              "Date: Mon, 02 Jun 2025 09:15:00 +0100",
                                                              "Subject: Fwd: list",
                                                              "",
                                                              "The original is attached.",
                                                          }));
    CHECK(reports(e) == std::vector<std::string>{
                            "mail.zip |  | zip | none | 0 | ",
                            "mail.zip/forwarded-attached.eml |  | eml | none | 1 | ",
                            "mail.zip/forwarded-attached.eml/original.eml | message/rfc822 | eml | none | 2 | ",
                            "mail.zip/forwarded-attached.eml/original.eml/class-list.csv | text/csv | csv | none | 3 | ",
                        });
}
