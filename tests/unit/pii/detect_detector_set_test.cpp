// DetectorSet: enabled kinds, the confidence threshold, overlap merging, pattern compilation.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/detect/date_candidates.h"
#include "pii/detect/number_candidates.h"
#include "pii/detect/place_candidates.h"

#include <atomic>
#include <thread>

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

Finding make(PiiKind kind, std::size_t start, std::size_t end, double confidence) {
    Finding f;
    f.kind = kind;
    f.start = start;
    f.end = end;
    f.confidence = confidence;
    return f;
}

}  // namespace

TEST_CASE("every detector pattern compiles", "[detect][set]") {
    CHECK(number_pattern_ok());
    CHECK(date_pattern_ok());
    CHECK(place_pattern_ok());
}

TEST_CASE("only enabled kinds run", "[detect][set]") {
    const std::string text = "Oliver Bennett, DOB 03/04/2016, mobile 07700 900321";
    CHECK(hits(text, teacher_to_stranger(), {PiiKind::phone}) == std::vector<Hit>{at(text, "phone", "07700 900321")});
    CHECK(hits(text, teacher_to_stranger(), {PiiKind::dob, PiiKind::phone}) ==
          std::vector<Hit>{at(text, "dob", "03/04/2016"), at(text, "phone", "07700 900321")});
    CHECK(hits(text, teacher_to_stranger()).size() == 3);
}

TEST_CASE("merge: threshold, same-kind overlaps, names inside addresses and emails", "[detect][set]") {
    std::vector<Finding> in = {
        make(PiiKind::person_name, 0, 14, 0.95),   // roster name
        make(PiiKind::person_name, 0, 6, 0.6),     // heuristic on part of it: loses
        make(PiiKind::phone, 20, 32, 0.85),
        make(PiiKind::nhs_number, 20, 32, 0.9),    // same digits, NHS context: wins
        make(PiiKind::person_name, 40, 45, 0.7),   // a name inside an email address: dropped
        make(PiiKind::email, 38, 60, 0.9),
        make(PiiKind::postcode, 70, 77, 0.4),      // under the threshold
        make(PiiKind::address, 80, 100, 0.8),
        make(PiiKind::postcode, 95, 102, 0.85),    // overlapping address and postcode both stay
    };
    const auto out = merge_findings(in, 0.5);
    std::vector<std::pair<PiiKind, std::size_t>> got;
    for (const auto& f : out) got.emplace_back(f.kind, f.start);
    CHECK(got == std::vector<std::pair<PiiKind, std::size_t>>{{PiiKind::person_name, 0},
                                                              {PiiKind::nhs_number, 20},
                                                              {PiiKind::email, 38},
                                                              {PiiKind::address, 80},
                                                              {PiiKind::postcode, 95}});
}

TEST_CASE("the confidence threshold is configurable", "[detect][set]") {
    DetectorSetOptions options;
    options.today = kToday;
    options.min_confidence = 0.65;
    const DetectorSet strict(options, sample_index());
    // "Jack Marsh" (a name not in the roster, 0.6) falls under 0.65; the roster name stays.
    const auto found = strict.run("Jack Marsh and Oliver Bennett", "body", teacher_to_stranger());
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == "Oliver Bennett");
}

TEST_CASE("findings carry where, reason and exact bytes", "[detect][set]") {
    DetectorSetOptions options;
    options.today = kToday;
    const DetectorSet set(options, sample_index());
    const std::string text = "Zoë and Anne-Marie Dupré's forms";
    const auto found = set.run(text, "forms.xlsx", teacher_to_stranger());
    REQUIRE(found.size() == 1);
    CHECK(found[0].where == "forms.xlsx");
    CHECK(found[0].text == "Anne-Marie Dupré");
    CHECK(text.substr(found[0].start, found[0].end - found[0].start) == found[0].text);
    CHECK(found[0].reason == "roster pupil name");
}

TEST_CASE("scans are thread-safe", "[detect][set]") {
    DetectorSetOptions options;
    options.today = kToday;
    const DetectorSet set(options, sample_index());
    const std::string text = "Oliver Bennett (DOB 03/04/2016), 07700 900321, NHS 943 476 5919, LE4 6XT";
    const auto expected = set.run(text, "body", teacher_to_stranger()).size();
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (set.run(text, "body", teacher_to_stranger()).size() != expected) ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(expected == 5);
    CHECK(wrong == 0);
}
