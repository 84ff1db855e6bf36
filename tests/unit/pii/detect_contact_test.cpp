// phone and email: UK numbers in every written form, libphonenumber validation, and the
// numbers and addresses that belong to the school or the correspondents.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/detect/uk_phone.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

TEST_CASE("UK phone validation", "[detect][phone]") {
    CHECK(check_uk_phone("01164960720") == UkPhoneValidity::valid);
    CHECK(check_uk_phone("02079460000") == UkPhoneValidity::valid);
    CHECK(check_uk_phone("07700900123") == UkPhoneValidity::possible);  // Ofcom drama range: unallocated
    CHECK(check_uk_phone("07912345678") == UkPhoneValidity::valid);
    CHECK(check_uk_phone("08001234567") == UkPhoneValidity::invalid);   // freephone: organisations
    CHECK(check_uk_phone("03001234567") == UkPhoneValidity::invalid);
    CHECK(check_uk_phone("0770090012") == UkPhoneValidity::invalid);    // a mobile is 11 digits
    CHECK(check_uk_phone("7700900123") == UkPhoneValidity::invalid);
    CHECK(check_uk_phone("00000000000") == UkPhoneValidity::invalid);
}

TEST_CASE("phone numbers in their written forms", "[detect][phone]") {
    struct Row {
        const char* text;
        const char* span;
    };
    const Row rows[] = {
        {"Mum's mobile is 07700 900321.", "07700 900321"},
        {"call 07700900321", "07700900321"},
        {"Tel: +44 7700 900321", "+44 7700 900321"},
        {"Tel: +44 (0)116 496 0321", "+44 (0)116 496 0321"},
        {"home (0116) 496 0321", "(0116) 496 0321"},
        {"ring 0116-496-0321 after 6", "0116-496-0321"},
        {"landline 0116 496 0321 3", "0116 496 0321"},  // a figure after the number is not part of it
    };
    for (const Row& row : rows) {
        INFO(row.text);
        CHECK(hits(row.text, teacher_to_stranger(), {PiiKind::phone}) == std::vector<Hit>{at(row.text, "phone", row.span)});
    }
}

TEST_CASE("the school's phones, the sender's signature and order numbers are not phones", "[detect][phone][negative]") {
    for (const char* text : {
             "Call the office on 0116 496 0720.",                          // the school's own number
             "Call the office on +44 116 496 0720.",
             "Kind regards,\nJane Bloggs\nDirect line 0116 496 0725",        // the sender's own signature
             "Order 01164960321 was dispatched",
             "Freephone 0800 123 4567",
             "Reading age 10 years 3 months",
             "Total 1,234,567.89",
         }) {
        INFO(text);
        CHECK(hits(text, teacher_to_parent(), {PiiKind::phone}).empty());
    }
}

TEST_CASE("a roster contact's phone names the children", "[detect][phone]") {
    const auto found = run_detectors("Dad is on 07700 900456", teacher_to_stranger(), {PiiKind::phone});
    REQUIRE(found.size() == 1);
    CHECK(found[0].pupil_upns == std::vector<std::string>{"H856212316001"});
}

TEST_CASE("email addresses other than the correspondents' and the school's", "[detect][email]") {
    const std::string text =
        "Please copy in chidi.okafor@parents.example and grandma.h@mail.example, not "
        "sarah.bennett@parents.example (the recipient), j.bloggs@school.example, office@juniors.school.example "
        "or T.Harris@School.Example.";
    const auto found = run_detectors(text, teacher_to_parent(), {PiiKind::email});
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "chidi.okafor@parents.example");
    CHECK(found[0].start == text.find("chidi"));
    CHECK(found[0].pupil_upns == std::vector<std::string>{"H856212316001"});
    CHECK(found[1].text == "grandma.h@mail.example");
    CHECK(found[1].pupil_upns.empty());
}

TEST_CASE("things with an @ that are not email addresses", "[detect][email][negative]") {
    for (const char* text : {"meet @ 3pm", "@handle on social media", "a@b", "name@localhost", "x@y.z1", "@@@"}) {
        INFO(text);
        CHECK(hits(text, teacher_to_stranger(), {PiiKind::email}).empty());
    }
}
