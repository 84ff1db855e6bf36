// Held-out sanity check: sentences written apart from the corpus and never tuned against it.
// Each row lists every finding expected (kind and text, in order); an empty list is a hard
// negative. The roster is the small one of detect_test_support.h; today is 14 March 2025.
#include <catch2/catch.hpp>

#include "detect_test_support.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

struct Row {
    const char* text;
    std::vector<std::pair<const char*, const char*>> expected;  // kind, text
};

void check(const std::vector<Row>& rows, const ScanContext& context) {
    for (const Row& row : rows) {
        INFO(row.text);
        std::vector<std::string> got;
        for (const Finding& f : run_detectors(row.text, context)) got.push_back(std::string(kind_name(f.kind)) + ": " + f.text);
        std::vector<std::string> want;
        for (const auto& [k, t] : row.expected) want.push_back(std::string(k) + ": " + t);
        CHECK(got == want);
    }
}

}  // namespace

TEST_CASE("held-out positives", "[detect][holdout]") {
    check(
        {
            {"Amelia Okafor (DOB 21/09/2014) has moved to 7 Mill Road, Leicester LE2 3AB.",
             {{"person_name", "Amelia Okafor"}, {"dob", "21/09/2014"}, {"address", "7 Mill Road, Leicester"},
              {"postcode", "LE2 3AB"}}},
            {"Please update Siobhan's NHS number to 943 476 5919.", {{"person_name", "Siobhan"}, {"nhs_number", "943 476 5919"}}},
            {"Grandad's mobile for emergencies: +44 7700 900777", {{"phone", "+44 7700 900777"}}},
            {"Her new foster carer, Denise Whitlock, will bring her in.", {{"person_name", "Denise Whitlock"}}},
            {"UPN H856212316001 transferred via CTF", {{"upn", "H856212316001"}}},
            {"ULN for the apprenticeship: 4000000011", {{"uln", "4000000011"}}},
            {"Mum's NI number is JG 10 37 59 A for the bursary form.", {{"nino", "JG 10 37 59 A"}}},
            {"Could Mrs Kowalczyk ring me back about Poppy's allergy?", {{"person_name", "Mrs Kowalczyk"}, {"person_name", "Poppy"}}},
            {"The twins, Ruby and Max Delaney, start in September.", {{"person_name", "Ruby"}, {"person_name", "Max Delaney"}}},
            {"Send the report to chidi.okafor@parents.example please.", {{"email", "chidi.okafor@parents.example"}}},
            {"OLIVER BENNETT - Year 3 - 03.04.2016", {{"person_name", "OLIVER BENNETT"}, {"dob", "03.04.2016"}}},
            {"She was born on the 2nd of June 2013 in Leicester.", {{"dob", "2nd of June 2013"}}},
        },
        teacher_to_stranger());
}

TEST_CASE("held-out hard negatives", "[detect][holdout][negative]") {
    check(
        {
            {"Will you be able to help at the May Fair on 17th May 2025?", {}},
            {"Invoice INV-20931 dated 02/01/2025, payment due within 30 days.", {}},
            {"Your order 3726705791 will be dispatched on 12/03/2025.", {}},
            {"The coach leaves at 08:15 from Pembury Lane; back by 16:30.", {}},
            {"Call the school office on 0116 496 0720 or email office@school.example.", {}},
            {"Grace and Hope are two of our school values this term.", {}},
            {"PC Morgan and the school nurse, Mrs Lyle, visited Year 5.", {}},
            {"Dear Sarah,\nThanks for your message.\nBest wishes,\nJane Bloggs\nClass Teacher", {}},
            {"Mark the date: Sports Day is 20/06/2025, rain date 27/06/2025.", {}},
            {"Booking ref G925000123456 confirmed for 42 pupils.", {}},
            {"Room 12 is on Level 2; Year 4 use Gate 3 on Park Road.", {}},
            {"Green Class and Brown Owls meet on Tuesday.", {}},
            {"We read \"Matilda\" by Roald Dahl and \"The Gruffalo\" by Julia Donaldson.", {}},
            {"Total raised: £1,234.50 (receipt no. 9434765919).", {}},
        },
        teacher_to_parent());
}
