// dob: every common UK date form, the three reasons a date is a DOB, and event dates that are not.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/detect/date_candidates.h"
#include "pii/detect/text_windows.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

std::vector<Hit> dobs(std::string_view text) { return hits(text, teacher_to_stranger(), {PiiKind::person_name, PiiKind::dob}); }

std::vector<Hit> only_dobs(std::string_view text) {
    std::vector<Hit> out;
    for (const Hit& h : dobs(text)) {
        if (h.kind == "dob") out.push_back(h);
    }
    return out;
}

}  // namespace

TEST_CASE("date forms are read as calendar dates", "[detect][dob][dates]") {
    struct Row {
        const char* text;
        const char* span;
        CivilDate date;
    };
    const Row rows[] = {
        {"on 03/04/2012.", "03/04/2012", {2012, 4, 3}},
        {"on 3.4.12 at", "3.4.12", {2012, 4, 3}},
        {"on 03-04-2012,", "03-04-2012", {2012, 4, 3}},
        {"(2012-04-03)", "2012-04-03", {2012, 4, 3}},
        {"the 3rd April 2012", "3rd April 2012", {2012, 4, 3}},
        {"the 3rd of April 2012", "3rd of April 2012", {2012, 4, 3}},
        {"3 Apr 2012", "3 Apr 2012", {2012, 4, 3}},
        {"April 3rd, 2012", "April 3rd, 2012", {2012, 4, 3}},
        {"Sept 30 1999", "Sept 30 1999", {1999, 9, 30}},
        {"DOB 29/02/2016", "29/02/2016", {2016, 2, 29}},
        {"on 1/2/98", "1/2/98", {1998, 2, 1}},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        const std::string text = row.text;
        const auto dates = find_date_candidates(text, family_windows(text, digit_runs(text), WindowFamily::dates), kToday);
        REQUIRE(dates.size() == 1);
        CHECK(text.substr(dates[0].start, dates[0].end - dates[0].start) == row.span);
        CHECK(dates[0].date == row.date);
    }
    for (const char* text : {"31/02/2016", "13/13/2012", "v1.2.3.4", "12/2012", "10:30", "3/4", "2012-13-01", "1.2.10.5"}) {
        INFO(text);
        CHECK(find_date_candidates(text, family_windows(text, digit_runs(text), WindowFamily::dates), kToday).empty());
    }
}

TEST_CASE("a date by birth wording is a DOB", "[detect][dob]") {
    const std::pair<const char*, const char*> rows[] = {
        {"Date of birth: 03/04/2012", "03/04/2012"},
        {"DOB 3.4.12", "3.4.12"},
        {"d.o.b. 2012-04-03", "2012-04-03"},
        {"She was born on 3rd April 2012.", "3rd April 2012"},
        {"his birthday is 3 April 2012", "3 April 2012"},
        {"Mother's DOB: 12/06/1985", "12/06/1985"},  // birth wording needs no pupil age
    };
    for (const auto& [text, span] : rows) {
        INFO(text);
        CHECK(only_dobs(text) == std::vector<Hit>{at(text, "dob", span)});
    }
}

TEST_CASE("a roster pupil's DOB is a DOB anywhere", "[detect][dob]") {
    const std::string text = "Checked: 03/04/2016 and 3rd April 2016.";
    const auto found = run_detectors(text, teacher_to_stranger(), {PiiKind::dob});
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "03/04/2016");
    CHECK(found[0].pupil_upns == std::vector<std::string>{"B801200005001"});
    CHECK(found[1].text == "3rd April 2016");
}

TEST_CASE("a plausible pupil birth date next to a name", "[detect][dob]") {
    const std::string text = "Jack Hill, 12/09/2014, Year 5";
    CHECK(only_dobs(text) == std::vector<Hit>{at(text, "dob", "12/09/2014")});
    // Without a name it is just a date.
    CHECK(only_dobs("Received 12/09/2014 from the council").empty());
    // A grown-up's birth date next to a name is not a pupil's.
    CHECK(only_dobs("Jack Hill, 12/09/1970").empty());
}

TEST_CASE("trip dates, deadlines and invoice dates are not DOBs", "[detect][dob][negative]") {
    for (const char* text : {
             "The trip is on 03/04/2025.",
             "Please return the slip by 14th March 2025.",
             "Invoice date: 01/02/2025, due 01/03/2025.",
             "Oliver Bennett's trip is on 12/06/2025.",     // a name, but a future date
             "Jack Hill's invoice dated 12/09/2014",        // an event word rules out the weak reason
             "Term starts 2nd September 2024.",
             "Version 3.4.12 of the app",                   // a version number
             "Meeting on 5 May 2025 with Jack Hill",
         }) {
        INFO(text);
        CHECK(only_dobs(text).empty());
    }
}

TEST_CASE("birth wording covers the rest of its sentence", "[detect][dob]") {
    const std::string text =
        "Her date of birth on the admission form is 09/03/2017 but her previous nursery sent us 03/09/2017. "
        "The form arrived 03/09/2017.";
    CHECK(only_dobs(text) == std::vector<Hit>{at(text, "dob", "09/03/2017"), at(text, "dob", "03/09/2017")});
}

TEST_CASE("a dotted short date right next to a name", "[detect][dob]") {
    const std::string text = "Girls 600m: Jack Hill 27.03.14\nReserves: Amy Fox (19.01.14), Zara Ahmed (20.12.14)\nApp 3.4.12 Jack Hill";
    CHECK(only_dobs(text) == std::vector<Hit>{at(text, "dob", "27.03.14"), at(text, "dob", "19.01.14"),
                                              at(text, "dob", "20.12.14")});
}
