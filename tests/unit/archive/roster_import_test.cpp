// Roster import: canonical files, validation with file:line, presets and header mappings.
#include <catch2/catch.hpp>

#include "archive/roster/roster_importer.h"
#include "archive/roster/upn.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::archive::roster;
using chaperone::test::tests_path;

namespace {
std::string fixture(const char* name) { return tests_path(std::string("fixtures/roster/") + name).string(); }
}  // namespace

TEST_CASE("UPN check letter (DfE algorithm)", "[roster][upn]") {
    CHECK(upn_check_letter("B801200005001") == 'B');
    CHECK(upn_problem("B801200005001").empty());
    CHECK(upn_problem("Q801200005002").empty());
    CHECK(upn_problem("M80120000500A").empty());  // temporary UPN: letter in position 13
    CHECK(upn_problem("C801200005001") == "check letter should be B");
    CHECK(upn_problem("B80120000500") == "not 13 characters");
    CHECK_THAT(upn_problem("B8012000050X1"), Catch::StartsWith("not of UPN form"));
    CHECK_THAT(upn_problem("I801200005001"), Catch::StartsWith("not of UPN form"));  // I is not a check letter
}

TEST_CASE("dates and emails", "[roster]") {
    CHECK(normalise_date("2015-04-12", false) == std::optional<std::string>("2015-04-12"));
    CHECK_FALSE(normalise_date("12/04/2015", false).has_value());
    CHECK(normalise_date("12/04/2015", true) == std::optional<std::string>("2015-04-12"));
    CHECK_FALSE(normalise_date("2015-02-29", true).has_value());
    CHECK(normalise_date("2016-02-29", true) == std::optional<std::string>("2016-02-29"));
    CHECK_FALSE(normalise_date("31/04/2015", true).has_value());
    CHECK_FALSE(normalise_date("2015-4-12", true).has_value());
    CHECK(plausible_email("claire.dupre@parents.example"));
    CHECK_FALSE(plausible_email("claire.dupre-at-parents.example"));
    CHECK_FALSE(plausible_email("a@b@parents.example"));
    CHECK_FALSE(plausible_email("a b@parents.example"));
    CHECK_FALSE(plausible_email("a@localhost"));
    CHECK_FALSE(plausible_email("a@parents.example; b@parents.example"));
}

TEST_CASE("canonical roster files import with values normalised", "[roster]") {
    auto outcome = import_roster_files({fixture("students.csv"), fixture("contacts.csv"), fixture("staff.csv")},
                                       policies::RosterConfig{});
    INFO((outcome.problems.empty() ? "" : outcome.problems[0]));
    REQUIRE(outcome.ok());
    REQUIRE(outcome.roster.pupils.size() == 6);
    REQUIRE(outcome.roster.contacts.size() == 7);
    REQUIRE(outcome.roster.staff.size() == 2);
    const auto& zoe = outcome.roster.pupils[0];
    CHECK(zoe.upn == "B801200005001");
    CHECK(zoe.forename == "Zo\xC3\xAB");
    CHECK(zoe.surname == "Dupr\xC3\xA9");
    CHECK(zoe.dob == "2015-04-12");
    CHECK(outcome.roster.pupils[1].postcode == "LE4 2BB");  // upper-cased
    CHECK(outcome.roster.pupils[3].address_line1 == "Flat 2, 48 Orchard Street");
    CHECK(outcome.roster.contacts[0].email == "claire.dupre@parents.example");  // lower-cased
    CHECK(outcome.roster.contacts[3].contact_name == "Hartley, James");
    CHECK(outcome.roster.staff[0].email == "a.teacher@school.example");
}

TEST_CASE("every problem is reported with file and line, and nothing is loaded", "[roster]") {
    std::string students = fixture("bad_students.csv"), contacts = fixture("bad_contacts.csv");
    auto outcome = import_roster_files({students, contacts, ""}, policies::RosterConfig{});
    const std::vector<std::string> expected = {
        students + ":3: upn C801200005002: check letter should be Q",
        students + ":4: dob \"2017-02-30\": not a valid date (YYYY-MM-DD)",
        students + ":5: duplicate upn B801200005001 (first on line 2)",
        students + ":6: forename is empty",
        students + ":7: expected 8 fields as in the header, found 7",
        students + ":8: upn X8012000050: not 13 characters",
        contacts + ":3: duplicate contact for upn B801200005001 (first on line 2)",
        contacts + ":4: upn L801200005007 not in bad_students.csv",
        contacts + ":5: email \"sarah.hartley-at-parents.example\": not a plausible email address",
    };
    CHECK(outcome.problems == expected);
    CHECK(outcome.roster.pupils.empty());
    CHECK(outcome.roster.contacts.empty());
}

TEST_CASE("missing files and missing columns are reported", "[roster]") {
    auto missing = import_roster_files({"/nonexistent/students.csv", fixture("contacts.csv"), ""}, {});
    REQUIRE(missing.problems.size() == 1);
    CHECK(missing.problems[0] == "/nonexistent/students.csv: cannot open");

    RosterTexts texts{"s.csv", "upn,forename,dob\nB801200005001,Zoe,2015-04-12\n", "c.csv",
                      "upn,contact_name,email\n", "", ""};
    auto outcome = import_roster_texts(texts, {});
    REQUIRE(outcome.problems.size() == 1);
    CHECK(outcome.problems[0] == "s.csv:1: no column \"surname\"");
}

TEST_CASE("SIMS preset: its headers, dd/mm/yyyy dates, joined name columns, BOM and CRLF", "[roster]") {
    policies::RosterConfig config;
    config.preset = "sims";
    auto outcome = import_roster_files({fixture("sims_students.csv"), fixture("sims_contacts.csv"), ""}, config);
    INFO((outcome.problems.empty() ? "" : outcome.problems[0]));
    REQUIRE(outcome.ok());
    REQUIRE(outcome.roster.pupils.size() == 2);
    CHECK(outcome.roster.pupils[0].upn == "B801200005001");
    CHECK(outcome.roster.pupils[0].dob == "2015-04-12");
    CHECK(outcome.roster.pupils[0].year_group == "4");
    CHECK(outcome.roster.pupils[1].dob == "2014-09-30");
    REQUIRE(outcome.roster.contacts.size() == 2);
    CHECK(outcome.roster.contacts[0].contact_name == "Claire Dupr\xC3\xA9");
    CHECK(outcome.roster.contacts[1].phone.empty());
}

TEST_CASE("column overrides beat the preset; unknown canonical names are refused", "[roster]") {
    policies::RosterConfig config;
    config.preset = "sims";
    config.students_columns = {{"year_group", "Reg Group"}};
    auto outcome = import_roster_files({fixture("sims_students.csv"), fixture("sims_contacts.csv"), ""}, config);
    REQUIRE(outcome.ok());
    CHECK(outcome.roster.pupils[0].year_group == "4D");

    config.students_columns = {{"yeargroup", "Reg Group"}};
    auto bad = import_roster_files({fixture("sims_students.csv"), fixture("sims_contacts.csv"), ""}, config);
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Catch::StartsWith("[roster.students_columns] yeargroup: not a column of students.csv"));

    // Canonical headers with the canonical preset refuse dd/mm/yyyy.
    RosterTexts texts{"s.csv", "upn,forename,surname,dob\nB801200005001,Zoe,Dupre,12/04/2015\n", "c.csv",
                      "upn,contact_name,email\n", "", ""};
    auto dmy = import_roster_texts(texts, {});
    REQUIRE(dmy.problems.size() == 1);
    CHECK(dmy.problems[0] == "s.csv:2: dob \"12/04/2015\": not a valid date (YYYY-MM-DD)");
}

TEST_CASE("Arbor and Bromcom presets map their headers", "[roster]") {
    struct Case {
        const char* preset;
        const char* students;
        const char* contacts;
    };
    const Case cases[] = {
        {"arbor",
         "UPN,Legal first name,Legal last name,Date of birth,Year,Address line 1,Town,Postcode\n"
         "B801200005001,Zoe,Dupre,12/04/2015,4,12 Pembury Road,Leicester,LE4 1AA\n",
         "Student UPN,Guardian name,Relationship,Email,Mobile\n"
         "B801200005001,Claire Dupre,Mother,claire.dupre@parents.example,07700 900123\n"},
        {"bromcom",
         "UPN,Legal First Name,Legal Last Name,Date Of Birth,Year Group,Address Line 1,Town,Post Code\n"
         "B801200005001,Zoe,Dupre,2015-04-12,Year 4,12 Pembury Road,Leicester,LE4 1AA\n",
         "UPN,Contact Name,Relationship,Email,Mobile Phone\n"
         "B801200005001,Claire Dupre,Mother,claire.dupre@parents.example,07700 900123\n"},
    };
    for (const auto& c : cases) {
        INFO(c.preset);
        policies::RosterConfig config;
        config.preset = c.preset;
        auto outcome = import_roster_texts({"s.csv", c.students, "c.csv", c.contacts, "", ""}, config);
        INFO((outcome.problems.empty() ? "" : outcome.problems[0]));
        REQUIRE(outcome.ok());
        CHECK(outcome.roster.pupils[0].dob == "2015-04-12");
        CHECK(outcome.roster.pupils[0].postcode == "LE4 1AA");
        CHECK(outcome.roster.contacts[0].email == "claire.dupre@parents.example");
        CHECK(outcome.roster.contacts[0].phone == "07700 900123");
    }
}

TEST_CASE("a Windows-1252 export imports as UTF-8", "[roster]") {
    auto outcome = import_roster_texts(
        {"s.csv", test::read_file(fixture("windows1252_students.csv")), "c.csv", "upn,contact_name,email\n", "", ""}, {});
    REQUIRE(outcome.ok());
    CHECK(outcome.roster.pupils[0].forename == "Zo\xC3\xAB");
    CHECK(outcome.roster.pupils[0].surname == "Dupr\xC3\xA9");
}
