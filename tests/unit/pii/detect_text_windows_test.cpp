// Digit runs and the date family's windows: only runs that can be a year anchor a date window.
#include <catch2/catch.hpp>

#include "pii/detect/date_candidates.h"
#include "pii/detect/text_windows.h"

using namespace chaperone::pii;

TEST_CASE("digit runs are every maximal run of ASCII digits", "[detect][windows]") {
    const std::string text = std::string("a1 22b333 ") + std::string(70, '9') + " \xC2\xA3" + "12.50";
    const auto runs = digit_runs(text);
    REQUIRE(runs.size() == 6);
    CHECK(text.substr(runs[0].start, runs[0].end - runs[0].start) == "1");
    CHECK(text.substr(runs[1].start, runs[1].end - runs[1].start) == "22");
    CHECK(text.substr(runs[2].start, runs[2].end - runs[2].start) == "333");
    CHECK(runs[3].end - runs[3].start == 70);  // across a 64-byte block boundary
    CHECK(text.substr(runs[4].start, runs[4].end - runs[4].start) == "12");
    CHECK(runs[5].end == text.size());
}

TEST_CASE("date windows stand around runs that can be a year", "[detect][windows]") {
    struct Row {
        const char* text;
        bool window;
    };
    const Row rows[] = {
        {"on 03/04/2012.", true},  {"on 3.4.12 at", true},   {"May '14 was", true}, {"14 March 2025", true},
        {"the coach at 8.45am", false}, {"60 new books", false}, {"call 07700 900123", false},
        {"INV-20931 paid", false}, {"Year 4 trip", false}, {"2025a", false},
    };
    for (const Row& r : rows) {
        const std::string text = r.text;
        CAPTURE(text);
        CHECK(family_windows(text, digit_runs(text), WindowFamily::dates).empty() == !r.window);
        CHECK(all_family_windows(text, digit_runs(text)).dates.empty() == !r.window);
    }
}

TEST_CASE("number windows stand around numbers long enough for an identifier", "[detect][windows]") {
    struct Row {
        const char* text;
        bool window;
    };
    const Row rows[] = {
        {"call 07700 900123 today", true}, {"+44 (0)116 496 0720", true}, {"(0116) 496-0720", true},
        {"NHS 943 476 5919", true},        {"UPN B801200005001", true},   {"NI AB 12 34 56 C", true},
        {"NI AB123456C", true},            {"on 31/01/2025", false},      {"at 8.45am", false},
        {"60 new books, 312 pages", false}, {"INV-20931", false},         {"12 34 56 78", false},
    };
    for (const Row& r : rows) {
        const std::string text = r.text;
        CAPTURE(text);
        CHECK(family_windows(text, digit_runs(text), WindowFamily::numbers).empty() == !r.window);
        CHECK(all_family_windows(text, digit_runs(text)).numbers.empty() == !r.window);
    }
}

TEST_CASE("a window's end is not taken for the end of the text", "[detect][windows]") {
    const CivilDate today{2025, 3, 14};
    // A window cut right after "12": the pattern sees no text after it, the text has "LE4".
    const std::string glued = "on 3/4/12LE4 6XT";
    CHECK(find_date_candidates(glued, {{0, glued.find("LE4")}}, today).empty());
    CHECK(find_date_candidates(glued, {{0, glued.size()}}, today).empty());
    const std::string spaced = "on 3/4/12 LE4 6XT";
    const auto dates = find_date_candidates(spaced, {{0, spaced.find(" LE4")}}, today);
    REQUIRE(dates.size() == 1);
    CHECK(spaced.substr(dates[0].start, dates[0].end - dates[0].start) == "3/4/12");
}
