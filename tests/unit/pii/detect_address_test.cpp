// address and postcode: street addresses, roster addresses, valid postcodes; the school's own
// and business addresses are not findings.
#include <catch2/catch.hpp>

#include "detect_test_support.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

std::vector<Hit> places(std::string_view text, const ScanContext& context = teacher_to_stranger()) {
    return hits(text, context, {PiiKind::address, PiiKind::postcode});
}

}  // namespace

TEST_CASE("street addresses and postcodes", "[detect][address][postcode]") {
    struct Row {
        const char* text;
        std::vector<std::pair<const char*, const char*>> expected;  // kind, text
    };
    const std::vector<Row> rows = {
        {"They live at 22 Meadow Crescent, Loughborough LE11 2AB.",
         {{"address", "22 Meadow Crescent, Loughborough"}, {"postcode", "LE11 2AB"}}},
        {"New address: Flat 3, 41 Church Street, Leicester", {{"address", "Flat 3, 41 Church Street, Leicester"}}},
        {"send it to 12a St Mary's Road please", {{"address", "12a St Mary's Road"}}},
        {"14 larch close", {{"address", "14 larch close"}}},  // a roster address in lower case
        {"Postcode LE4 6XT", {{"postcode", "LE4 6XT"}}},
        {"postcode le4 6xt is not written like that", {}},     // lower case postcodes are not matched
        {"SW1A1AA", {{"postcode", "SW1A1AA"}}},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        std::vector<Hit> want;
        for (const auto& [kind, span] : row.expected) want.push_back(at(row.text, kind, span));
        CHECK(places(row.text) == want);
    }
}

TEST_CASE("roster addresses name the pupils who live there", "[detect][address]") {
    const std::string text = "Address: Flat 2, 9 Station Street, LE1 5YZ";
    const auto found = run_detectors(text, teacher_to_stranger(), {PiiKind::address, PiiKind::postcode});
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "Flat 2, 9 Station Street");
    CHECK(found[0].pupil_upns == std::vector<std::string>{"X856212316002"});
    CHECK(found[0].reason == "roster address");
    CHECK(found[1].text == "LE1 5YZ");
    CHECK(found[1].pupil_upns == std::vector<std::string>{"X856212316002"});
}

TEST_CASE("the school's address, businesses and counted things are not addresses", "[detect][address][negative]") {
    for (const char* text : {
             "Example Primary School, Pembury Lane, Leicester LE4 1FX",  // the school's own
             "Come to 1 Pembury Lane for the fair.",
             "Acme Supplies Ltd, Unit 4, Riverside Industrial Estate, Leicester LE3 5AB",
             "Acme Supplies Ltd\n12 Commerce Way\nLeicester LE3 5AB",
             "Year 6 Park visit on Friday",
             "Room 3 Green Lane is the art room",
             "Kind regards,\nJane Bloggs\nExample School\n10 Pembury Lane\nLeicester LE4 1FX",
             "Our order ref LE4 is not a postcode",
         }) {
        INFO(text);
        CHECK(places(text).empty());
    }
}

TEST_CASE("venues, public bodies and times are not home addresses", "[detect][address][negative]") {
    for (const char* text : {
             "our visit to Heronsgate Outdoor Centre, Mill Lane, Melton Mowbray LE13 9QZ on Monday",
             "invoices to the Trust's finance team at 20 Civic Square, Leicester LE1 9ZZ",
             "On Fri, 7 Mar 2025 at 12:02, Will Green <will.green@inbox.example> wrote:",
         }) {
        INFO(text);
        CHECK(places(text).empty());
    }
}
