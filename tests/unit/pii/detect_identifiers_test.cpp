// upn, uln, nhs_number, nino: checksums with context, roster ties, and the hard negatives
// (order, invoice and reference numbers that pass a checksum).
#include <catch2/catch.hpp>

#include "detect_test_support.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

const std::vector<PiiKind> kIds = {PiiKind::person_name, PiiKind::upn, PiiKind::uln, PiiKind::nhs_number, PiiKind::nino,
                                   PiiKind::phone};

std::vector<Hit> ids(std::string_view text) {
    std::vector<Hit> out;
    for (const Hit& h : hits(text, teacher_to_stranger(), kIds)) {
        if (h.kind != "person_name") out.push_back(h);
    }
    return out;
}

}  // namespace

TEST_CASE("identifiers with context", "[detect][upn][uln][nhs][nino]") {
    struct Row {
        const char* text;
        const char* kind;
        const char* span;
    };
    const Row rows[] = {
        {"UPN: H856212316001", "upn", "H856212316001"},
        {"Unique pupil number U85621231600A (temporary)", "upn", "U85621231600A"},
        {"Pupil number G925000123456", "upn", "G925000123456"},
        {"ULN 1234567899", "uln", "1234567899"},
        {"Unique Learner Number: 5551234567", "uln", "5551234567"},
        {"NHS number 943 476 5919", "nhs_number", "943 476 5919"},
        {"NHS No. 9434765919", "nhs_number", "9434765919"},
        {"9434765919 (NHS)", "nhs_number", "9434765919"},
        {"NI number: AB 12 34 56 C", "nino", "AB 12 34 56 C"},
        {"National Insurance JG103759", "nino", "JG103759"},
        {"Her NI number is JG103759A.", "nino", "JG103759A"},
        {"Contact: JG103759A", "nino", "JG103759A"},  // with its suffix the shape stands alone
    };
    for (const Row& row : rows) {
        INFO(row.text);
        CHECK(ids(row.text) == std::vector<Hit>{at(row.text, row.kind, row.span)});
    }
}

TEST_CASE("a roster UPN names its pupil without context", "[detect][upn]") {
    const auto found = run_detectors("see B801200005001 for details", teacher_to_stranger(), {PiiKind::upn});
    REQUIRE(found.size() == 1);
    CHECK(found[0].subject == Subject::pupil);
    CHECK(found[0].pupil_upns == std::vector<std::string>{"B801200005001"});
}

TEST_CASE("identifiers next to a name", "[detect][upn][nhs]") {
    const std::string text = "Jack Hill G925000123456";
    CHECK(ids(text) == std::vector<Hit>{at(text, "upn", "G925000123456")});
    const std::string nhs = "Jack Hill 943 476 5919";
    CHECK(ids(nhs) == std::vector<Hit>{at(nhs, "nhs_number", "943 476 5919")});
}

TEST_CASE("checksum-valid order, invoice and reference numbers are not identifiers", "[detect][negative]") {
    for (const char* text : {
             "Order number 3726705791 has shipped.",   // passes the NHS check
             "Invoice 6226919132 is attached.",         // passes the NHS check
             "Ref: 1234567899",                         // passes the ULN rule
             "Booking reference R330987654321",         // passes the UPN check with a real LA code
             "Your ticket G925000123456 is ready.",
             "Case no. 9434765919",
             "Jack Hill, order 943 476 5919",           // a name nearby, but an order number
             "Tracking 3509342356",
             "3726705791",                              // a bare number: no context at all
             "A801200005001 with Jack Hill",             // wrong check letter
             "Batch AB123456C",                          // NINO shape introduced as a batch code
             "QQ123456C is an example NI number",        // Q never starts a NINO
         }) {
        INFO(text);
        CHECK(ids(text).empty());
    }
}

TEST_CASE("the nearer of keyword and reference wording decides", "[detect][nhs][negative]") {
    CHECK(ids("Our NHS Supply Chain order number 7023391649 arrived.").empty());
    const std::string text = "Order 12 delivered. NHS number 943 476 5919";
    CHECK(ids(text) == std::vector<Hit>{at(text, "nhs_number", "943 476 5919")});
}
