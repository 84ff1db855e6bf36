// Helpers shared by the extraction tests (extract_*_test.cpp): reading fixtures through
// extract_file / extract_message, and exact, readable forms of reports and limit hits.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "pii/extract/message_extractor.h"
#include "test_support.h"

namespace chaperone::test {

inline std::string attachment_fixture(const std::string& name) {
    return read_file(tests_path("fixtures/attachments/" + name));
}

inline pii::Extraction extract_fixture(const std::string& name, const pii::ExtractionLimits& limits = {}) {
    std::string bytes = attachment_fixture(name);
    return pii::extract_file(bytes, name, limits);
}

inline pii::Extraction extract_eml(const std::string& name, const pii::ExtractionLimits& limits = {}) {
    std::string raw = read_file(tests_path("fixtures/mime/" + name));
    auto message = pii::MimeMessage::parse(raw);
    REQUIRE(message.is_ok());
    return pii::extract_message(*message, limits);
}

// Lines joined with "\n" (expected texts read better as one line per element).
inline std::string lines(std::initializer_list<const char*> parts) {
    std::string out;
    bool first = true;
    for (const char* p : parts) {
        if (!first) out += "\n";
        first = false;
        out += p;
    }
    return out;
}

// The text of source `where`; fails the test when there is no such source.
inline std::string text_of(const pii::Extraction& e, const std::string& where) {
    for (const auto& t : e.texts) {
        if (t.where == where) return t.text;
    }
    FAIL("no text source named " << where);
    return {};
}

inline std::vector<std::string> source_names(const pii::Extraction& e) {
    std::vector<std::string> out;
    for (const auto& t : e.texts) out.push_back(t.where);
    return out;
}

// "name | declared | detected | protection | depth | detail" (size checked separately).
inline std::vector<std::string> reports(const pii::Extraction& e) {
    std::vector<std::string> out;
    for (const auto& a : e.attachments) {
        out.push_back(a.name + " | " + a.content_type + " | " + a.detected_type + " | " + pii::protection_name(a.protection) +
                      " | " + std::to_string(a.depth) + " | " + a.detail);
    }
    return out;
}

// "where | limit | detail"
inline std::vector<std::string> limit_hits(const pii::Extraction& e) {
    std::vector<std::string> out;
    for (const auto& l : e.limits) out.push_back(l.where + " | " + l.limit + " | " + l.detail);
    return out;
}

}  // namespace chaperone::test
