// `chaperone scan`: the DESIGN.md contract {"findings":[{kind,text,start,end,where}]} with exit
// 0 none / 1 found / 2 error, run as the admin runs it (the real binary, the roster in the store).
// Offsets are checked against the text the extraction layer itself produces for `where`.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "archive_test_support.h"
#include "pii/extract/message_extractor.h"

using namespace chaperone;
using namespace chaperone::test;
using nlohmann::json;

namespace {

std::string attachment_fixture(const std::string& name) { return tests_path("fixtures/attachments/" + name).string(); }

struct ScanBench {
    explicit ScanBench(bool with_roster = true) : archive("scan-cli", with_roster) {}
    CliResult scan(const std::string& file, bool as_json = true) const {
        return run_cli(std::string("scan ") + (as_json ? "--json " : "") + "--config " + archive.config_file().string() +
                       " " + file);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        auto path = archive.scratch() / name;
        write_file(path, bytes);
        return path.string();
    }
    TestArchive archive;
};

// where -> extracted text, exactly as the scanner's extraction produces it for this file.
std::map<std::string, std::string> extracted_texts(const std::string& path) {
    std::string bytes = read_file(path);
    pii::Extraction extraction =
        pii::extract_file(bytes, std::filesystem::path(path).filename().string(), pii::ExtractionLimits{});
    std::map<std::string, std::string> out;
    for (const auto& source : extraction.texts) out[source.where] = source.text;
    return out;
}

// Every finding's text is exactly the bytes at [start, end) of its source's extracted text.
void check_offsets(const json& findings, const std::string& path) {
    auto texts = extracted_texts(path);
    for (const auto& f : findings) {
        const std::string where = f["where"];
        INFO(where << " " << f.dump());
        REQUIRE(texts.count(where) == 1);
        const std::size_t start = f["start"], end = f["end"];
        REQUIRE(start < end);
        REQUIRE(end <= texts[where].size());
        CHECK(texts[where].substr(start, end - start) == f["text"].get<std::string>());
    }
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

struct Expected {
    std::string kind, text;
    std::size_t start, end;
};

}  // namespace

TEST_CASE("scan finds a roster pupil's name, DOB and UPN with exact byte offsets", "[scan][cli]") {
    ScanBench bench;
    // "Zoë Dupré" is 11 bytes for 9 characters: offsets are bytes, not characters.
    const std::string letter = bench.write(
        "letter.txt", "Dear parent,\nOliver Hartley (DOB 30/09/2014, UPN Q801200005002) and Zoë Dupré will attend.\n");
    auto r = bench.scan(letter);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    json j = json::parse(r.out);

    const std::vector<Expected> expected = {
        {"person_name", "Oliver Hartley", 13, 27},
        {"dob", "30/09/2014", 33, 43},
        {"upn", "Q801200005002", 49, 62},
        {"person_name", "Zoë Dupré", 68, 79},
    };
    REQUIRE(j["findings"].size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const json& f = j["findings"][i];
        INFO(f.dump());
        CHECK(f["kind"] == expected[i].kind);
        CHECK(f["text"] == expected[i].text);
        CHECK(f["start"] == expected[i].start);
        CHECK(f["end"] == expected[i].end);
        CHECK(f["where"] == "letter.txt");  // a file that is not a message is named by its own file name
        CHECK(f["confidence"].get<double>() > 0.5);
    }
    CHECK(j["findings"][0]["pupils"] == json::array({"Q801200005002"}));
    CHECK(j["findings"][3]["pupils"] == json::array({"B801200005001"}));
    check_offsets(j["findings"], letter);

    // The contract's keys come first, in the contract's order, on one line.
    CHECK(r.out.rfind("{\"findings\":[{\"kind\":\"person_name\",\"text\":\"Oliver Hartley\",\"start\":13,\"end\":27,"
                      "\"where\":\"letter.txt\"",
                      0) == 0);
    CHECK(lines(r.out) == 1);
    CHECK(j["limits"] == json::array());
    CHECK(j["roster_version"] == 1);
}

TEST_CASE("scan without --json prints a table with kind, where, offsets and text", "[scan][cli]") {
    ScanBench bench;
    const std::string letter = bench.write("letter.txt", "Dear parent,\nOliver Hartley (DOB 30/09/2014) will attend.\n");
    auto r = bench.scan(letter, false);
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::Contains("letter.txt: 2 finding(s)\n"));
    CHECK_THAT(r.out, Catch::Contains("KIND        WHERE                       START      END  CONF  TEXT\n"));
    CHECK_THAT(r.out, Catch::Contains("person_name letter.txt                     13       27  0.95  Oliver Hartley\n"));
    CHECK_THAT(r.out, Catch::Contains("dob         letter.txt                     33       43  0.90  30/09/2014\n"));
    CHECK_THAT(r.out, Catch::Contains("attachment letter.txt (txt): none\n"));
}

TEST_CASE("scan of a clean file exits 0 with no findings and nothing on stderr", "[scan][cli]") {
    ScanBench bench;
    const std::string clean = bench.write("clean.txt", "Dear parents,\nThe school trip is on Friday. Bring a packed lunch.\n");
    auto r = bench.scan(clean);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    json j = json::parse(r.out);
    CHECK(j["findings"] == json::array());
    CHECK(j["limits"] == json::array());
    REQUIRE(j["attachments"].size() == 1);
    CHECK(j["attachments"][0]["protection"] == "none");

    auto table = bench.scan(clean, false);
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::StartsWith(clean + ": no findings\n"));
}

TEST_CASE("scan of an .eml reports attachment findings under the attachment's file name", "[scan][cli]") {
    ScanBench bench;
    const std::string eml = tests_path("fixtures/mime/attachments.eml").string();
    auto r = bench.scan(eml);
    INFO(r.err);
    // Findings win over the unreadable part (an unknown binary): exit 1, and stderr stays quiet.
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    json j = json::parse(r.out);
    REQUIRE_FALSE(j["findings"].empty());
    for (const auto& f : j["findings"]) CHECK(f["where"] == "class-list.xlsx");
    check_offsets(j["findings"], eml);

    // The same spreadsheet scanned on its own gives the same findings at the same offsets,
    // plus the message's own recipient (Sarah Bennett, To:), whom the message context leaves out.
    auto alone = bench.scan(attachment_fixture("class-list.xlsx"));
    CHECK(alone.exit_code == 1);
    json a = json::parse(alone.out);
    json only_alone = json::array();
    for (const auto& f : a["findings"])
        if (std::find(j["findings"].begin(), j["findings"].end(), f) == j["findings"].end()) only_alone.push_back(f["text"]);
    CHECK(only_alone == json::array({"Sarah Bennett", "sarah.bennett@parents.example"}));
    CHECK(a["findings"].size() == j["findings"].size() + 2);
    CHECK(j["findings"][0] == json::parse(R"({"kind":"person_name","text":"Oliver Bennett","start":55,"end":69,
                                              "where":"class-list.xlsx","confidence":0.6})"));

    // Every attachment is listed with its protection; protected ones were not opened.
    std::map<std::string, std::string> protection;
    for (const auto& att : j["attachments"]) protection[att["name"]] = att["protection"];
    CHECK(protection["class-list.xlsx"] == "none");
    CHECK(protection["letter.pdf"] == "pdf");
    CHECK(protection["pupils.zip"] == "aes");
    CHECK(protection["attachment-2"] == "unreadable");
}

TEST_CASE("scan of an .eml reports body findings as where=body", "[scan][cli]") {
    ScanBench bench;
    const std::string eml = tests_path("fixtures/policy/messages/dob-in-body.eml").string();
    auto r = bench.scan(eml);
    CHECK(r.exit_code == 1);
    json j = json::parse(r.out);
    REQUIRE(j["findings"].size() == 2);
    CHECK(j["findings"][1]["kind"] == "dob");
    CHECK(j["findings"][1]["text"] == "14/03/2016");
    CHECK(j["findings"][1]["where"] == "body");
    check_offsets(j["findings"], eml);
    CHECK(j["attachments"] == json::array());
}

TEST_CASE("scan does not open password-protected files and lists their protection", "[scan][cli]") {
    ScanBench bench;
    struct Case {
        std::string file, protection;
    };
    const std::vector<Case> cases = {
        {"aes.zip", "aes"},
        {"zipcrypto.zip", "zipcrypto"},
        {"letter-password.odt", "odf"},
        {"letter-user-password.pdf", "pdf"},
        {"encrypted-standard.xlsx", "ooxml"},
    };
    for (const auto& c : cases) {
        INFO(c.file);
        auto r = bench.scan(attachment_fixture(c.file));
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        json j = json::parse(r.out);
        CHECK(j["findings"] == json::array());
        REQUIRE_FALSE(j["attachments"].empty());
        CHECK(j["attachments"][0]["name"] == c.file);
        CHECK(j["attachments"][0]["protection"] == c.protection);
    }
    // The same content unprotected is found: the protection is what kept the zip closed.
    auto plain = bench.scan(attachment_fixture("plain.zip"));
    CHECK(plain.exit_code == 1);
    json p = json::parse(plain.out);
    REQUIRE_FALSE(p["findings"].empty());
    CHECK(p["findings"][0]["where"] == "plain.zip/class-list-1252.csv");
}

TEST_CASE("scan input errors exit 2 with one line on stderr naming the file", "[scan][cli]") {
    ScanBench bench;
    const std::string clean = bench.write("clean.txt", "Nothing to see.\n");

    auto missing = bench.scan("/nonexistent/letter.txt");
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err == "chaperone: /nonexistent/letter.txt: no such file\n");

    auto directory = bench.scan(bench.archive.scratch().path().string());
    CHECK(directory.exit_code == 2);
    CHECK(directory.err == "chaperone: " + bench.archive.scratch().path().string() + ": is a directory, not a file\n");

    const std::string bad = bench.write("bad.toml", "[school]\nname = 3\ninternal_domains = [\"school.example\"]\n");
    auto bad_config = run_cli("scan --json --config " + bad + " " + clean);
    CHECK(bad_config.exit_code == 2);
    CHECK(bad_config.out.empty());
    CHECK(lines(bad_config.err) == 1);
    CHECK_THAT(bad_config.err, Catch::StartsWith("chaperone: " + bad + ":2:"));

    auto no_config_file = run_cli("scan --json --config " + (bench.archive.scratch() / "none.toml").string() + " " + clean);
    CHECK(no_config_file.exit_code == 2);
    CHECK(lines(no_config_file.err) == 1);
    CHECK_THAT(no_config_file.err, Catch::Contains("none.toml"));

    auto no_file = run_cli("scan --json --config " + bench.archive.config_file().string());
    CHECK(no_file.exit_code == 2);
    CHECK(lines(no_file.err) == 1);

    // The roster lives in the store, as for `check` and the milter. A fresh store gets its
    // keys at first use; one whose keys were lost is refused.
    ScratchDir dir("scan-nokeys");
    write_file(dir / "c.toml", "[school]\ninternal_domains = [\"school.example\"]\n[storage]\ndir = \"" +
                                   (dir / "store").string() + "\"\n");
    auto fresh = run_cli("scan --json --config " + (dir / "c.toml").string() + " " + clean);
    CHECK(fresh.exit_code == 0);
    CHECK_THAT(fresh.out, Catch::StartsWith("{\"findings\":[]"));
    std::filesystem::remove_all(dir / "store" / "keys");
    auto no_keys = run_cli("scan --json --config " + (dir / "c.toml").string() + " " + clean);
    CHECK(no_keys.exit_code == 2);
    CHECK(lines(no_keys.err) == 1);
    CHECK_THAT(no_keys.err, Catch::Contains("archive.pub"));
}

TEST_CASE("scan of a corrupt or over-limit file is exit 2, never a silent all-clear", "[scan][cli]") {
    ScanBench bench;
    struct Case {
        std::string file, unreadable, limit;
    };
    const std::vector<Case> cases = {
        {"corrupt.docx", "corrupt.docx", ""},
        {"not-a-zip.zip", "not-a-zip.zip", ""},
        {"truncated.pdf", "truncated.pdf", ""},
        {"bomb.zip", "bomb.zip/zeros.bin", "max_compression_ratio"},
        {"deep.zip", "deep.zip/d2.zip/d3.zip/d4.zip/d5.zip", "max_archive_depth"},
    };
    for (const auto& c : cases) {
        INFO(c.file);
        const std::string path = attachment_fixture(c.file);
        auto r = bench.scan(path);
        CHECK(r.exit_code == 2);
        CHECK(lines(r.err) == 1);
        CHECK_THAT(r.err, Catch::StartsWith("chaperone: " + path + ": not fully scanned: '" + c.unreadable + "' not read ("));
        // The report still says what was read and what was not.
        json j = json::parse(r.out);
        CHECK(j["findings"] == json::array());
        bool listed = false;
        for (const auto& a : j["attachments"])
            if (a["name"] == c.unreadable) listed = a["protection"] == "unreadable" && !a["detail"].get<std::string>().empty();
        CHECK(listed);
        if (!c.limit.empty()) {
            REQUIRE(j["limits"].size() == 1);
            CHECK(j["limits"][0]["limit"] == c.limit);
            CHECK(j["limits"][0]["where"] == c.unreadable);
        }
    }

    // A limit from the config is the one applied.
    const std::string big = bench.write("big.txt", std::string(2048, 'a'));
    TestArchive small("scan-cli-small", false, "[limits]\nmax_attachment_bytes = 1024\n");
    auto over = run_cli("scan --json --config " + small.config_file().string() + " " + big);
    CHECK(over.exit_code == 2);
    CHECK(lines(over.err) == 1);
    CHECK_THAT(over.err, Catch::StartsWith("chaperone: " + big));
    CHECK_THAT(over.err, Catch::Contains("max_attachment_bytes"));
}

TEST_CASE("scan without an imported roster runs the generic detectors only", "[scan][cli]") {
    ScanBench bench(false);
    const std::string letter =
        bench.write("letter.txt", "Dear parent,\nOliver Hartley (DOB 30/09/2014, UPN Q801200005002) will attend.\n");
    auto r = bench.scan(letter);
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());  // documented in the README, not warned about on every run
    json j = json::parse(r.out);
    CHECK(j["roster_version"] == 0);
    std::vector<std::string> kinds;
    for (const auto& f : j["findings"]) kinds.push_back(f["kind"]);
    CHECK(std::find(kinds.begin(), kinds.end(), "upn") != kinds.end());  // checksummed: no roster needed
    check_offsets(j["findings"], letter);

    for (const auto& f : j["findings"]) CHECK_FALSE(f.contains("pupils"));

    // A bare first name needs the roster: missed here, found once the roster is imported.
    const std::string first_name = bench.write("first-name.txt", "Oliver was great today.\n");
    auto bare = bench.scan(first_name);
    CHECK(bare.exit_code == 0);
    CHECK(json::parse(bare.out)["findings"] == json::array());
    ScanBench with_roster;
    auto matched = with_roster.scan(first_name);
    CHECK(matched.exit_code == 1);
    CHECK(json::parse(matched.out)["findings"][0]["text"] == "Oliver");

    auto table = bench.scan(letter, false);
    CHECK_THAT(table.out, Catch::Contains("note: no roster imported: generic detectors only, pupils' names, DOBs and "
                                          "addresses not matched to the roster\n"));
    CHECK(table.err.empty());
}
