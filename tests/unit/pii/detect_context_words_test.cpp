// WordList: keyword lookup before a candidate, alone and combined (one pass for several lists).
#include <catch2/catch.hpp>

#include "pii/detect/context_words.h"

using namespace chaperone::pii;

namespace {
const WordList kBirth = {"dob", "date of birth", "born"};
const WordList kEvent = {"trip", "due", "by"};
const WordList kPaper = {"sent", "dated"};
const WordList kAll = WordList::combine({{&kBirth, 1}, {&kEvent, 2}, {&kPaper, 4}});
}  // namespace

TEST_CASE("WordList::tags_in gives each list's contains_word in one pass", "[detect][context]") {
    struct Row {
        const char* text;
        std::uint32_t tags;
    };
    const Row rows[] = {
        {"DOB: ", 1},
        {"the trip is due on ", 2},
        {"letter sent, born on ", 1 | 4},
        {"Date of Birth (dated) trip ", 1 | 2 | 4},
        {"bypass tripod dobbin ", 0},  // inside longer words: no keyword
        {"nothing here ", 0},
    };
    for (const Row& r : rows) {
        const std::string_view text = r.text;
        CAPTURE(text);
        CHECK(kAll.tags_in(text, 0, text.size()) == r.tags);
        CHECK(contains_word(text, 0, text.size(), kBirth) == ((r.tags & 1) != 0));
        CHECK(contains_word(text, 0, text.size(), kEvent) == ((r.tags & 2) != 0));
        CHECK(contains_word(text, 0, text.size(), kPaper) == ((r.tags & 4) != 0));
    }
    // The window's end cuts a keyword off: "date of birth" does not fit in 10 bytes.
    CHECK(kAll.tags_in("date of birth", 0, 10) == 0);
    CHECK(kBirth.last_in("born, then born again", 0, 21) == 11);
}
