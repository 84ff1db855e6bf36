// person_name: table-driven sentences with the exact names (text and offset) expected.
#include <catch2/catch.hpp>

#include "detect_test_support.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

std::vector<Hit> names(std::string_view text, const ScanContext& context = teacher_to_stranger()) {
    return hits(text, context, {PiiKind::person_name});
}

struct Row {
    const char* text;
    std::vector<const char*> expected;  // name texts, in order (each located at its first unused occurrence)
};

void check_rows(const std::vector<Row>& rows, const ScanContext& context) {
    for (const Row& row : rows) {
        INFO(row.text);
        std::vector<Hit> want;
        std::string_view text(row.text);
        std::size_t from = 0;
        for (const char* e : row.expected) {
            const std::size_t pos = text.find(e, from);
            REQUIRE(pos != std::string_view::npos);
            want.push_back({"person_name", e, pos});
            from = pos + 1;
        }
        CHECK(names(row.text, context) == want);
    }
}

}  // namespace

TEST_CASE("roster names in all their forms", "[detect][person_name]") {
    check_rows(
        {
            {"Oliver Bennett was upset at lunch.", {"Oliver Bennett"}},
            {"Please see BENNETT, Oliver on the list.", {"BENNETT, Oliver"}},
            {"This is Oliver Bennett's reading book.", {"Oliver Bennett"}},
            {"anne-marie dupré has a cold", {"anne-marie dupré"}},
            {"Anne Marie Dupre and Siobhan O’Neill", {"Anne Marie Dupre", "Siobhan O’Neill"}},
            {"Chidi Okafor called the office.", {"Chidi Okafor"}},
            {"Oliver James Bennett, Year 3", {"Oliver James Bennett"}},
            {"Grace Brown and Will Green sat together.", {"Grace Brown", "Will Green"}},
        },
        teacher_to_stranger());
}

TEST_CASE("roster ties: pupils, contacts' children", "[detect][person_name]") {
    auto found = run_detectors("Chidi Okafor and Oliver Bennett", teacher_to_stranger(), {PiiKind::person_name});
    REQUIRE(found.size() == 2);
    CHECK(found[0].subject == Subject::contact);
    CHECK(found[0].pupil_upns == std::vector<std::string>{"H856212316001"});
    CHECK(found[1].subject == Subject::pupil);
    CHECK(found[1].pupil_upns == std::vector<std::string>{"B801200005001"});
    CHECK(found[1].confidence >= 0.9);
    CHECK(found[1].reason == "roster pupil name");
}

TEST_CASE("a roster forename alone", "[detect][person_name]") {
    check_rows(
        {
            {"Amelia was upset at lunch.", {"Amelia"}},
            {"We think Siobhan's work has improved.", {"Siobhan"}},
            {"Poppy has settled in well.", {"Poppy"}},      // a word-name with a person's verb after it
            {"Poppy's coat was left behind.", {"Poppy"}},
            {"Will you send the form?", {}},                // common word
            {"Grace was said before lunch.", {}},           // Grace never alone
            {"The Poppy Appeal starts in November.", {}},  // a word-name without a person
            {"amelia was late", {}},                       // not capitalised
            {"Amelia Class will visit the farm.", {}},     // a class named after someone
        },
        teacher_to_stranger());
}

TEST_CASE("which Oliver: a forename alone is tied to the recipient's child first", "[detect][person_name]") {
    const auto to_parent = run_detectors("Oliver was upset today.", teacher_to_parent(), {PiiKind::person_name});
    REQUIRE(to_parent.size() == 1);
    CHECK(to_parent[0].pupil_upns == std::vector<std::string>{"B801200005001"});
    const auto to_stranger = run_detectors("Oliver was upset today.", teacher_to_stranger(), {PiiKind::person_name});
    REQUIRE(to_stranger.size() == 1);
    CHECK(to_stranger[0].pupil_upns == std::vector<std::string>{"B801200005001", "E856212318001"});
    const auto named = run_detectors("Oliver Smith fell. Oliver was fine after.", teacher_to_stranger(), {PiiKind::person_name});
    REQUIRE(named.size() == 2);
    CHECK(named[1].pupil_upns == std::vector<std::string>{"E856212318001"});
}

TEST_CASE("names that are not in the roster", "[detect][person_name]") {
    check_rows(
        {
            {"I spoke to Mrs Patel about the trip.", {"Mrs Patel"}},
            {"Mr and Mrs Kowalski will collect him.", {"Mr and Mrs Kowalski"}},
            {"Mr. J. Kowalski signed it.", {"Mr. J. Kowalski"}},
            {"Her brother Jack is in Year 6.", {"Jack"}},
            {"his sister, Lily Marsh, was there", {"Lily Marsh"}},
            {"Jack Hill and Amy Fox were late.", {"Jack Hill", "Amy Fox"}},
            {"Tom, Ella and Jack Hill went home.", {"Tom", "Ella", "Jack Hill"}},
            {"Child's name: Zara Ahmed", {"Zara Ahmed"}},
        },
        teacher_to_stranger());
}

TEST_CASE("a roster surname after a title ties to that family", "[detect][person_name]") {
    auto found = run_detectors("Mr Bennett phoned this morning.", teacher_to_stranger(), {PiiKind::person_name});
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == "Mr Bennett");
    CHECK(found[0].subject == Subject::contact);
    CHECK(found[0].pupil_upns == std::vector<std::string>{"B801200005001"});
}

TEST_CASE("correspondents, staff and professionals are not findings", "[detect][person_name][negative]") {
    check_rows(
        {
            {"Dear Mrs Bennett,\nThank you for your email.", {}},  // the recipient, greeted
            {"Dear Sarah,\nOliver had a great day.", {"Oliver"}},  // greeting excluded, pupil found
            {"Mrs Bennett asked about the trip.", {}},              // the recipient again, by surname
            {"Sarah Bennett rang the office.", {}},                 // the recipient by full name
            {"Kind regards,\nJane Bloggs\nClass Teacher", {}},      // signature
            {"Please speak to Mrs Bloggs or Mr Harris.", {}},       // staff
            {"Miss Laura Jones will teach Year 4.", {}},            // staff full name
            {"The social worker, Ms Reed, will attend.", {}},       // professional in role
            {"Dr Patel at the surgery has written.", {}},
            {"PC Davies came to talk about road safety.", {}},
            {"the school nurse, Mrs Hale, checked him", {}},
            {"Mrs Hale (school nurse) checked him.", {}},
            {"Cllr Ahmed opened the fair.", {}},
            {"Thanks, Sarah", {}},
        },
        teacher_to_parent());
}

TEST_CASE("common words that are also names never fire on their own", "[detect][person_name][negative]") {
    check_rows(
        {
            {"Will you be able to help?", {}},
            {"The trip is in May.", {}},
            {"Hope you are well.", {}},
            {"By the Grace of God, Amen.", {}},
            {"Mark the register please.", {}},
            {"Bill the parents for the trip.", {}},
            {"Brown paper and Green Class.", {}},
            {"A red Rose for Remembrance.", {}},
            {"Victoria Park is closed.", {}},
            {"Rose Class and Willow Class.", {}},
            {"St George's Day parade", {}},
            {"Monday Tuesday Wednesday", {}},
            {"Maths Science English", {}},
            {"Key Stage 2 results", {}},
        },
        teacher_to_stranger());
}

TEST_CASE("names in email addresses belong to the email finding", "[detect][person_name]") {
    const auto found = hits("Write to Oliver.Bennett@school.example or Amelia.Lane@parents.example", teacher_to_stranger());
    for (const Hit& h : found) CHECK(h.kind != "person_name");
}

TEST_CASE("forwarded mail: the quoted writer's signature is family data", "[detect][person_name]") {
    const std::string text =
        "Please see below.\n\nKind regards,\nJane Bloggs\n\n"
        "---------- Forwarded message ---------\nFrom: someone\n\nHi,\nCan Oliver leave early?\nThanks,\nKate Smith\n";
    const auto found = names(text, teacher_to_stranger());
    const std::vector<Hit> want = {at(text, "person_name", "Oliver"), at(text, "person_name", "Kate Smith")};
    CHECK(found == want);
}

TEST_CASE("a family named by its surname", "[detect][person_name]") {
    check_rows(
        {
            {"We met the Okafor family yesterday.", {"Okafor"}},
            {"The O'Neill twins are in Year 6.", {"O'Neill"}},
            {"Supporting letter - Bennett family", {"Bennett"}},      // a roster surname without "the"
            {"Raised money for the Leicester children's hospice.", {}},  // a place before "children"
            {"Kowalski family news", {}},                               // not a roster surname, no "the"
        },
        teacher_to_stranger());
}

TEST_CASE("the correspondent's spouse is spoken about, not greeted", "[detect][person_name]") {
    // To Mrs Sarah Bennett (the roster says she is the mother): "Mr Bennett" is someone else.
    check_rows({{"Dear Mrs Bennett,\nI mentioned this to Mr Bennett at pick-up.", {"Mr Bennett"}},
                {"Hi Mr Okafor,\nPlease thank his grandma, Mrs Okafor, too.", {"Mrs Okafor"}}},
               teacher_to_parent());
}

TEST_CASE("doctors are professionals unless the roster titles a parent so", "[detect][person_name]") {
    check_rows({{"Dr Kaur has prescribed an inhaler.", {}}, {"Thank you, Dr Patel!", {}}, {"Prof Lee will visit.", {}}},
               teacher_to_stranger());
    Roster r = sample_roster();
    r.contacts.push_back({"B801200005001", "Dr Anna Fairweather", "Carer", "anna@parents.example", ""});
    DetectorSetOptions options;
    options.kinds = {PiiKind::person_name};
    options.today = kToday;
    const auto found = DetectorSet(options, RosterIndex::build(r)).run("Dr Fairweather will collect Oliver.", "body", teacher_to_stranger());
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "Dr Fairweather");
    CHECK(found[0].pupil_upns == std::vector<std::string>{"B801200005001"});
}

TEST_CASE("apostrophe surnames after titles", "[detect][person_name]") {
    check_rows({{"Mrs O'Brien called.", {"Mrs O'Brien"}}, {"Mr D’Souza and Ms O'Hara", {"Mr D’Souza", "Ms O'Hara"}}},
               teacher_to_stranger());
}

TEST_CASE("two capitalised words after a family word", "[detect][person_name]") {
    check_rows({{"Collected by his aunt, Leyla Osman, at 4pm.", {"Leyla Osman"}},
                {"Pupil\tParent/carer\tPhone\tBalance", {}},          // a header row, not a carer's name
                {"Father Christmas visits on Friday.", {}}},
               teacher_to_stranger());
}

TEST_CASE("authors and public figures are not pupils' families", "[detect][person_name][negative]") {
    check_rows(
        {
            {"We start with \"Room on the Broom\" by Julia Donaldson.", {}},
            {"History: Mary Seacole, Florence Nightingale and Rosa Parks.", {}},
            {"a poem by Imogen Marsh", {}},              // credited creator, any name
            {"The book was donated by Imogen Marsh.", {"Imogen Marsh"}},  // "by" alone is not a credit
        },
        teacher_to_stranger());
}

TEST_CASE("forename and surname across table cells only under name columns", "[detect][person_name]") {
    check_rows({{"Name\tClass\tPhoto\nHope Adeyemi\tHazel\tIndividual + class", {"Hope Adeyemi"}},
                {"Forename\tSurname\tYear\nJack\tHill\t5", {"Jack\tHill"}}},
               teacher_to_stranger());
}

TEST_CASE("word-forenames before a surname; place and title words never", "[detect][person_name]") {
    check_rows({{"Well done to Hope Adeyemi and Will Okoro!", {"Hope Adeyemi", "Will Okoro"}},
                {"Pembury Lane\nLeicester LE4 1FX", {}},
                {"the \"Little Authors\" anthology", {}},
                {"May Half Term dates", {}}},
               teacher_to_stranger());
}
