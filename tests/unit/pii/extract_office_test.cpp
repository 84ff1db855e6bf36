// Office and OpenDocument attachments to text: exact lines, from real LibreOffice files
// (tests/fixtures/attachments/src/*.fods|fodt|fodp converted by make-fixtures.sh) and a
// hand-built xlsx exercising the cell types LibreOffice never writes.
#include "extract_test_support.h"
#include "pii/extract/cfb_reader.h"

using namespace chaperone;
using namespace chaperone::test;

namespace {

const std::string kClassList = lines({
    "Year 6 Oak",
    "Name\tDate of birth\tPostcode\tUPN\tReading age",
    "Oliver Bennett\t03/04/2016\tLE4 6XT\tH801200001001\t9.5\t\tAllergy: nuts",
    "Amelia Clarke\t21/11/2015\tLE5 2QB\tH801200001002\t11",
    "Zoë Dąbrowska\t09/01/2016\tLE3 9RN\tH801200001003",
    "",
    "Contacts",
    "Contact\tPhone\tEmail",
    "Sarah Bennett\t07700 900123\tsarah.bennett@parents.example",
});

const std::string kLetter = lines({
    "Year 6 residential trip",
    "Dear Mrs Bennett,",
    "Zoë and Oliver’s café visit is on 12/06/2025.",
    "Medical note: inhaler",
    "Name\tDate of birth",
    "Oliver Bennett\t03/04/2016",
    "Call 07700 900123 with questions.",
    "",
    "Example Primary School",
    "",
    "Pembury Lane, Leicester LE4 1FX",
});

const std::string kSlides = lines({
    "Sports day",
    "Team captains: Oliver Bennett, Amelia Clarke",
    "Meet at 09:30",
    "Remind parents about sun cream",
    "",
    "Results",
});

void check_single(const std::string& file, const std::string& type, const std::string& expected) {
    INFO(file);
    pii::Extraction e = extract_fixture(file);
    REQUIRE(e.texts.size() == 1);
    CHECK(e.texts[0].where == file);
    CHECK(e.texts[0].text == expected);
    REQUIRE(e.attachments.size() == 1);
    const pii::AttachmentReport& r = e.attachments[0];
    CHECK(r.name == file);
    CHECK(r.detected_type == type);
    CHECK(r.protection == pii::Protection::none);
    CHECK(r.detail.empty());
    CHECK(r.depth == 0);
    CHECK(r.size == attachment_fixture(file).size());
    CHECK(e.limits.empty());
}

}  // namespace

TEST_CASE("spreadsheets give one tab-separated line per row, dates as dd/mm/yyyy, every sheet", "[extract][office]") {
    // The DOB column is a date-formatted serial in xlsx and an office:date-value in ods.
    check_single("class-list.xlsx", "xlsx", kClassList);
    check_single("class-list.ods", "ods", kClassList);
}

TEST_CASE("Excel 97 workbooks read like xlsx: rows, shared strings, dates, every sheet", "[extract][office]") {
    check_single("class-list.xls", "xls", kClassList);
}

TEST_CASE("Excel 97 shared strings that run over CONTINUE records", "[extract][office]") {
    // long-list.xls: 300 rows whose strings (UTF-16, for the Polish letters) need more than
    // one 8224-byte SST record.
    pii::Extraction e = extract_fixture("long-list.xls");
    std::string text = text_of(e, "long-list.xls");
    CHECK(text.rfind("Long list\nPupil 0001 Łukasz-Zoë Example\t1\nPupil 0002 Łukasz-Zoë Example\t2\n", 0) == 0);
    const std::string last = "\nPupil 0300 Łukasz-Zoë Example\t300";
    REQUIRE(text.size() >= last.size());
    CHECK(text.substr(text.size() - last.size()) == last);
    std::size_t rows = 0;
    for (std::size_t at = text.find("Example\t"); at != std::string::npos; at = text.find("Example\t", at + 1)) ++rows;
    CHECK(rows == 300);
    for (int i : {137, 138, 139, 170, 171, 250}) {  // around the record boundaries
        char expected[64];
        std::snprintf(expected, sizeof expected, "\nPupil %04d Łukasz-Zoë Example\t%d\n", i, i);
        CHECK(text.find(expected) != std::string::npos);
    }
    CHECK(e.attachments[0].protection == pii::Protection::none);
}

TEST_CASE("xlsx cell types: inline and rich strings, booleans, errors, 1904 dates, gaps, hidden sheets", "[extract][office]") {
    // handmade.xlsx (tools/fixture_builders.py): date1904 workbook; C3 built-in date format 14,
    // D3 custom "[$-809]dd mmmm yyyy", E3 "Ref "0 (a number, not a date), H4 format 22
    // (date and time), J4 t="d"; row 4 cells carry no r= references; shared string 99 does
    // not exist; the phonetic run of the rich string is not text; sheet 2 is hidden.
    check_single("handmade.xlsx", "xlsx",
                 lines({
                     "Pupils & DOBs",
                     "Name\t\tBorn",
                     "Oliver Bennett\t\t01/01/2015\t01/01/2015\t42\tTRUE\tOliver Bennett",
                     "Tab here & <there>\t7700900123\t#N/A\t\t\t\t\t01/01/2015 18:00\t\t03/04/2016",
                     "",
                     "Hidden",
                     "\tSecret row",
                 }));
}

TEST_CASE("ods repeats are bounded: 64 copies of a repeated cell, 100 of a repeated row, empty repeats free", "[extract][office]") {
    // handmade.ods (tools/fixture_builders.py): one cell repeated over 1000 columns, a million
    // empty rows of 16384 empty cells, a row repeated 500 times; then text:s spaces, a
    // covered cell, a date cell and a cell with two paragraphs and a comment.
    std::string expected = "Repeats\nx";
    for (int i = 1; i < 64; ++i) expected += "\tx";
    for (int i = 0; i < 100; ++i) expected += "\nsame";
    expected += "\n\nCells\nOliver   Bennett\t\t\t\t03/04/2016\ttwo lines Note: EHCP";
    check_single("handmade.ods", "ods", expected);
}

TEST_CASE("word processing: paragraphs, text box after its paragraph, table rows, then header and footer", "[extract][office]") {
    check_single("letter.docx", "docx", kLetter);
    check_single("letter.odt", "odt", kLetter);
}

TEST_CASE("presentations: slide text then notes, slides separated by an empty line", "[extract][office]") {
    check_single("slides.pptx", "pptx", kSlides);
    check_single("slides.odp", "odp", kSlides);
}

TEST_CASE("rtf written by LibreOffice: header and footer first, text box, table cells as tabs", "[extract][office][rtf]") {
    check_single("letter.rtf", "rtf",
                 lines({
                     "Example Primary School",
                     "Pembury Lane, Leicester LE4 1FX",
                     "Year 6 residential trip",
                     "Dear Mrs Bennett,",
                     "Medical note: inhaler",
                     "Zoë and Oliver’s café visit is on 12/06/2025.",
                     "Name\tDate of birth",
                     "Oliver Bennett\t03/04/2016",
                     "Call 07700 900123 with questions.",
                 }));
}

TEST_CASE("rtf tokenizer: code pages, \\u with \\uc fallbacks, skipped destinations, fields, tables", "[extract][office][rtf]") {
    // accents.rtf: \ansicpg1252 with \'hh bytes (0x80 is the euro sign in 1252), a Cyrillic
    // font (\fcharset204) whose \'hh are cp1251, \u8364? with \uc1 and \uc2, \pict hex data,
    // \info, \*\generator, \*\bkmkstart and an unknown \* destination (all skipped), a field
    // whose instruction is skipped and whose result is kept, escaped braces and backslash.
    check_single("accents.rtf", "rtf",
                 lines({
                     "Dear Mrs Bennett,",
                     "Zoë and Renée’s café costs €10.",
                     "Unicode: € and ł ok",
                     "Two fallback: €done",
                     "Привет",
                     "Oliver Bennett",
                     "DOB 03/04/2016",
                     "Name\tDate of birth",
                     "Amelia Clarke\t21/11/2015",
                     "sarah.bennett@parents.example",
                     "Literal {braces} and back\\slash",
                     "Tail\tend",
                 }));
}

TEST_CASE("a corrupt docx is unreadable with the part and the zlib error named", "[extract][office]") {
    pii::Extraction e = extract_fixture("corrupt.docx");
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "corrupt.docx |  | docx | unreadable | 0 | word/document.xml: corrupt entry: Zlib error: data error"});
    CHECK(e.limits.empty());
}

TEST_CASE("a Word 97 document is read from its piece table: body, table rows, header, footer, text box", "[extract][office]") {
    // letter.doc is letter.fodt saved by LibreOffice as "MS Word 97". The stories follow the
    // piece table's order: body, then headers and footers, then the text box.
    check_single("letter.doc", "doc",
                 lines({
                     "Year 6 residential trip",
                     "Dear Mrs Bennett,",
                     "Zoë and Oliver’s café visit is on 12/06/2025.",
                     "Name\tDate of birth",
                     "Oliver Bennett\t03/04/2016",
                     "Call 07700 900123 with questions.",
                     "Example Primary School",
                     "",
                     "Pembury Lane, Leicester LE4 1FX",
                     "",
                     "Medical note: inhaler",
                 }));
}

TEST_CASE("a Word 97 document whose piece table is damaged is unreadable, with the reason", "[extract][office]") {
    std::string doc = attachment_fixture("letter.doc");
    // Point fcClx (FibRgFcLcb97 entry 33) far beyond the table stream.
    auto cfb = pii::CompoundFile::open(doc);
    REQUIRE(cfb.is_ok());
    const pii::CfbEntry* word = cfb->root_stream("WordDocument");
    REQUIRE(word != nullptr);
    // WordDocument is a regular stream starting at sector start_sector (512-byte sectors).
    std::size_t fib = (word->start_sector + 1) * 512;
    auto u16 = [&](std::size_t at) { return static_cast<std::size_t>(static_cast<unsigned char>(doc[at]) | (static_cast<unsigned char>(doc[at + 1]) << 8)); };
    std::size_t at = fib + 32;
    at += 2 + u16(at) * 2;
    at += 2 + u16(at) * 4;
    at += 2 + 33 * 8;
    doc[at + 3] = '\x7f';
    pii::Extraction e = pii::extract_file(doc, "broken.doc", {});
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "broken.doc |  | doc | unreadable | 0 | Word 97-2003 document: text not readable (piece table beyond the table stream)"});
}

TEST_CASE("type comes from content before the name", "[extract][office]") {
    // An xlsx sent as "list.pdf", and an rtf sent as "notes.txt".
    std::string xlsx = attachment_fixture("class-list.xlsx");
    pii::Extraction e = pii::extract_file(xlsx, "list.pdf", {});
    REQUIRE(e.attachments.size() == 1);
    CHECK(e.attachments[0].detected_type == "xlsx");
    CHECK(text_of(e, "list.pdf") == kClassList);

    std::string rtf = attachment_fixture("accents.rtf");
    e = pii::extract_file(rtf, "notes.txt", {});
    CHECK(e.attachments[0].detected_type == "rtf");
    CHECK(text_of(e, "notes.txt").rfind("Dear Mrs Bennett,\nZoë", 0) == 0);
}

TEST_CASE("a spreadsheet embedded in a Word document is read as a child attachment", "[extract][office]") {
    pii::Extraction e = extract_fixture("letter-with-sheet.docx");
    CHECK(source_names(e) == std::vector<std::string>{"letter-with-sheet.docx",
                                                      "letter-with-sheet.docx/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"});
    CHECK(text_of(e, "letter-with-sheet.docx") == kLetter);
    CHECK(text_of(e, "letter-with-sheet.docx/word/embeddings/Microsoft_Excel_Worksheet1.xlsx") == kClassList);
    CHECK(reports(e) == std::vector<std::string>{
                            "letter-with-sheet.docx |  | docx | none | 0 | ",
                            "letter-with-sheet.docx/word/embeddings/Microsoft_Excel_Worksheet1.xlsx |  | xlsx | none | 1 | ",
                        });
}
