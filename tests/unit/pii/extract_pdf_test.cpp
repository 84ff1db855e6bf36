// PDF text through poppler: lines as laid out on the page (column gaps as tabs), pages
// separated by an empty line, broken files unreadable.
#include "extract_test_support.h"

using namespace chaperone;
using namespace chaperone::test;

namespace {
// letter.pdf is letter.fodt printed by LibreOffice. The text box overlaps the table's second
// column on the page, so the physical layout interleaves them; every word is still there.
const std::string kLetterPage = lines({
    "Example Primary School",
    "",
    "Year 6 residential trip",
    "Dear Mrs Bennett,",
    "Zoë and Oliver’s café\tvisit is on 12/06/2025.",
    "Name\tMedical note:Date",
    "inhaler",
    "of birth",
    "Oliver Bennett\t03/04/2016",
    "Call 07700 900123 with\tquestions.",
    "",
    "Pembury Lane, Leicester LE4 1FX",
});
}  // namespace

TEST_CASE("pdf text keeps each table row on one line", "[extract][pdf]") {
    pii::Extraction e = extract_fixture("letter.pdf");
    CHECK(text_of(e, "letter.pdf") == kLetterPage);
    CHECK(reports(e) == std::vector<std::string>{"letter.pdf |  | pdf | none | 0 | "});
    CHECK(e.limits.empty());
}

TEST_CASE("pdf pages are separated by an empty line", "[extract][pdf]") {
    pii::Extraction e = extract_fixture("three-pages.pdf");
    CHECK(text_of(e, "three-pages.pdf") == kLetterPage + "\n\n" + kLetterPage + "\n\n" + kLetterPage);
}

TEST_CASE("a truncated pdf is unreadable, not a crash", "[extract][pdf]") {
    pii::Extraction e = extract_fixture("truncated.pdf");
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{"truncated.pdf |  | pdf | unreadable | 0 | corrupt PDF: cannot be parsed"});
}
