// CSV reader: RFC 4180 quoting, line ends, BOM, Windows-1252, limits, line numbers.
#include <catch2/catch.hpp>

#include "archive/roster/csv_reader.h"

using namespace chaperone;
using namespace chaperone::archive::roster;

namespace {
std::vector<std::vector<std::string>> fields_of(const CsvTable& t) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : t.records) out.push_back(r.fields);
    return out;
}
}  // namespace

TEST_CASE("csv: quoting, embedded separators and line ends", "[csv]") {
    struct Case {
        const char* name;
        std::string input;
        std::vector<std::vector<std::string>> expected;
    };
    const Case cases[] = {
        {"plain LF", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
        {"CRLF", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
        {"lone CR", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}},
        {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
        {"quoted comma", "name\n\"Hartley, James\"\n", {{"name"}, {"Hartley, James"}}},
        {"doubled quote", "q\n\"say \"\"hi\"\"\"\n", {{"q"}, {"say \"hi\""}}},
        {"embedded CRLF newline", "a,b\r\n\"line1\r\nline2\",x\r\n", {{"a", "b"}, {"line1\nline2", "x"}}},
        {"empty fields", "a,,c\n,,\n", {{"a", "", "c"}, {"", "", ""}}},
        {"trailing comma at EOF", "a,b,", {{"a", "b", ""}}},
        {"blank lines skipped", "a\n\n1\n\n", {{"a"}, {"1"}}},
        {"empty quoted field", "a,\"\",c\n", {{"a", "", "c"}}},
        {"UTF-8 BOM removed", "\xEF\xBB\xBFupn,x\n1,2\n", {{"upn", "x"}, {"1", "2"}}},
        {"UTF-8 kept", "n\nZo\xC3\xAB\n", {{"n"}, {"Zo\xC3\xAB"}}},
        {"Windows-1252 converted", "n\nZo\xEB Dupr\xE9\n", {{"n"}, {"Zo\xC3\xAB Dupr\xC3\xA9"}}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto table = parse_csv(c.input, "t.csv");
        REQUIRE(table.is_ok());
        CHECK(fields_of(*table) == c.expected);
    }
}

TEST_CASE("csv: records know the physical line they start on", "[csv]") {
    auto table = parse_csv("h1,h2\n\"multi\nline\",a\nnext,b\n\nlast,c\n", "t.csv");
    REQUIRE(table.is_ok());
    REQUIRE(table->records.size() == 4);
    CHECK(table->records[0].line == 1);
    CHECK(table->records[1].line == 2);
    CHECK(table->records[2].line == 4);
    CHECK(table->records[3].line == 6);
}

TEST_CASE("csv: Windows-1252 input is flagged", "[csv]") {
    auto table = parse_csv("n\nZo\xEB\n", "t.csv");
    REQUIRE(table.is_ok());
    CHECK(table->converted_from_windows1252);
    auto utf8 = parse_csv("n\nZo\xC3\xAB\n", "t.csv");
    REQUIRE(utf8.is_ok());
    CHECK_FALSE(utf8->converted_from_windows1252);
}

TEST_CASE("csv: malformed records are kept with a problem, not fatal", "[csv]") {
    auto table = parse_csv("a,b\n\"x\"y,1\nSmith \"Jnr\",2\nok,3\n", "t.csv");
    REQUIRE(table.is_ok());
    REQUIRE(table->records.size() == 4);
    CHECK(table->records[1].problem == "text after a closing quote");
    CHECK_THAT(table->records[2].problem, Catch::StartsWith("a quote inside an unquoted field"));
    CHECK(table->records[3].problem.empty());
    CHECK(table->records[3].fields == std::vector<std::string>{"ok", "3"});
}

TEST_CASE("csv: fatal errors and limits name file and line", "[csv]") {
    struct Case {
        std::string input;
        CsvLimits limits;
        const char* expected;
    };
    CsvLimits small_record;
    small_record.max_record_bytes = 10;
    CsvLimits few_records;
    few_records.max_records = 2;
    CsvLimits small_file;
    small_file.max_file_bytes = 5;
    CsvLimits few_fields;
    few_fields.max_fields = 3;
    const Case cases[] = {
        {"a,b\n1,\"never closed\n2,3\n", {}, "t.csv:2: quoted field is never closed"},
        {"a\n0123456789012345\n", small_record, "t.csv:2: record longer than 10 bytes"},
        {"a\n\"0123456789\n012345\"\n", small_record, "t.csv:2: record longer than 10 bytes"},
        {"a\n1\n2\n", few_records, "t.csv:3: more than 2 records"},
        {"abcdefgh\n", small_file, "t.csv: larger than 5 bytes"},
        {"a,b,c,d\n", few_fields, "t.csv:1: more than 3 fields"},
    };
    for (const auto& c : cases) {
        INFO(c.input);
        auto table = parse_csv(c.input, "t.csv", c.limits);
        REQUIRE_FALSE(table.is_ok());
        CHECK(table.error_message() == c.expected);
    }
}
