// The `chaperone` CLI as a subprocess: exit codes, one-line errors, JSON shapes.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive/audit/actor.h"
#include "archive/store/blob_store.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::run_cli;
using chaperone::test::TestArchive;

namespace {

std::string fixture(const char* name) { return test::tests_path(std::string("fixtures/roster/") + name).string(); }

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// Records three letters to Zoë's mother, out of date order.
std::vector<RecordedEntry> record_three(const TestArchive& archive, std::vector<std::string>& raws) {
    auto store = archive.open();
    std::vector<RecordedEntry> out;
    raws.reserve(3);
    for (std::int64_t offset : {2, 0, 1}) {
        Timestamp sent{1709629920 + offset * 86400, 60};
        raws.push_back(test::simple_message("School Office <office@school.example>", "claire.dupre@parents.example",
                                            "Letter " + std::to_string(offset), sent, "Dear Mrs Dupré, letter " +
                                                                                         std::to_string(offset) + "."));
        auto c = test::correspondence_for(raws.back(), Direction::out, "claire.dupre@parents.example", sent);
        c.subject = "Letter " + std::to_string(offset);
        auto e = store->casefiles().record(c);
        REQUIRE(e.is_ok());
        out.push_back(*e);
    }
    return out;
}

}  // namespace

TEST_CASE("cli: keys init once; usage errors are one line, exit 2", "[cli]") {
    test::ScratchDir dir("cli-keys");
    test::write_file(dir / "c.toml", "[school]\ninternal_domains=[\"school.example\"]\n[storage]\ndir=\"" +
                                         (dir / "store").string() + "\"\n");
    std::string config = " --config " + (dir / "c.toml").string();
    auto first = run_cli("keys init" + config);
    INFO(first.err);
    CHECK(first.exit_code == 0);
    CHECK_THAT(first.out, Catch::Contains("archive.key"));
    auto second = run_cli("keys init" + config);
    CHECK(second.exit_code == 2);
    CHECK(second.err == "chaperone: refusing to overwrite existing key file " + (dir / "store/keys/archive.pub").string() + "\n");

    struct Case {
        std::string args;
        std::string expected;
    };
    const Case cases[] = {
        {"archive list" + config, "give one of --student UPN or --contact EMAIL"},
        {"archive list --student B801200005001 --colour red" + config, "unknown option --colour"},
        {"archive show" + config, "archive show: expected one ENTRY id"},
        {"archive show abc" + config, "archive show: 'abc' is not an entry id"},
        {"archive export --student B801200005001 --format docx --out /tmp/x" + config, "--format: expected mbox, eml-zip or pdf"},
        {"archive list --student B801200005001 --from 2024-13-01" + config, "--from: expected YYYY-MM-DD"},
        {"archive frobnicate" + config, "archive: unknown subcommand 'frobnicate'"},
        {"roster import --students a.csv" + config, "missing --contacts"},
        {"audit verify", "missing --config FILE"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        auto r = run_cli(c.args);
        CHECK(r.exit_code == 2);
        CHECK(line_count(r.err) == 1);
        CHECK_THAT(r.err, Catch::Contains(c.expected));
        CHECK(r.out.empty());
    }
}

TEST_CASE("cli: roster import good and bad; a refused import keeps the roster", "[cli]") {
    TestArchive archive("cli-roster", false);
    std::string config = " --config " + archive.config_file().string();
    auto good = run_cli("roster import --students " + fixture("students.csv") + " --contacts " + fixture("contacts.csv") +
                        " --staff " + fixture("staff.csv") + config);
    INFO(good.err);
    CHECK(good.exit_code == 0);
    CHECK(good.out == "roster version 1: 6 pupils, 7 contacts, 2 staff\n");

    auto bad = run_cli("roster import --students " + fixture("bad_students.csv") + " --contacts " +
                       fixture("bad_contacts.csv") + config);
    CHECK(bad.exit_code == 2);
    CHECK(line_count(bad.err) == 10);  // nine problems and the verdict
    CHECK_THAT(bad.err, Catch::Contains(fixture("bad_contacts.csv") + ":4: upn L801200005007 not in bad_students.csv\n"));
    CHECK_THAT(bad.err, Catch::EndsWith("chaperone: roster import refused: 9 problem(s); the roster in use is unchanged\n"));

    auto show = run_cli("roster show --json" + config);
    CHECK(show.exit_code == 0);
    auto j = nlohmann::json::parse(show.out);
    CHECK(j["version"] == 1);
    CHECK(j["pupils"] == 6);
}

TEST_CASE("cli: list --json in date order; show; export; students", "[cli]") {
    TestArchive archive("cli-list");
    std::vector<std::string> raws;
    auto entries = record_three(archive, raws);
    std::string config = " --config " + archive.config_file().string();

    auto list = run_cli("archive list --student b801200005001 --json" + config);
    INFO(list.err);
    REQUIRE(list.exit_code == 0);
    auto j = nlohmann::json::parse(list.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 3);
    CHECK(j[0]["subject"] == "Letter 0");
    CHECK(j[1]["subject"] == "Letter 1");
    CHECK(j[2]["subject"] == "Letter 2");
    CHECK(j[0]["id"] == entries[1].id);
    CHECK(j[0]["date"] == "2024-03-05T10:12:00+01:00");
    CHECK(j[0]["direction"] == "out");
    CHECK(j[0]["from"] == "School Office <office@school.example>");
    CHECK(j[0]["to"] == nlohmann::json::array({"claire.dupre@parents.example"}));
    CHECK(j[0]["students"] == nlohmann::json::array({"B801200005001"}));

    auto window = run_cli("archive list --student B801200005001 --from 2024-03-06 --to 2024-03-06 --json" + config);
    REQUIRE(window.exit_code == 0);
    CHECK(nlohmann::json::parse(window.out).size() == 1);

    auto show = run_cli("archive show " + std::to_string(entries[0].id) + config);
    INFO(show.err);
    REQUIRE(show.exit_code == 0);
    CHECK_THAT(show.out, Catch::Contains("From:         School Office <office@school.example>\n"));
    CHECK_THAT(show.out, Catch::Contains("To:           claire.dupre@parents.example\n"));
    CHECK_THAT(show.out, Catch::Contains("Date sent:    2024-03-07 10:12 +01:00\n"));
    CHECK_THAT(show.out, Catch::Contains("Subject:      Letter 2\n"));
    CHECK_THAT(show.out, Catch::Contains("Dear Mrs Dupré, letter 2."));

    auto raw = run_cli("archive show --raw " + std::to_string(entries[0].id) + config);
    CHECK(raw.out == raws[0]);

    auto unknown = run_cli("archive show 999" + config);
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "chaperone: no case-file entry 999\n");

    auto pdf = archive.scratch() / "zoe.pdf";
    auto exported = run_cli("archive export --student B801200005001 --format pdf --out " + pdf.string() + config);
    INFO(exported.err);
    CHECK(exported.exit_code == 0);
    CHECK(std::filesystem::file_size(pdf) > 1000);
    auto sar = run_cli("archive export --contact Claire.Dupre@parents.example --format mbox --out " +
                       (archive.scratch() / "sar.mbox").string() + config);
    CHECK(sar.exit_code == 0);
    CHECK(sar.out == "exported 3 entries to " + (archive.scratch() / "sar.mbox").string() + "\n");

    auto students = run_cli("archive students --search hartley --json" + config);
    REQUIRE(students.exit_code == 0);
    CHECK(nlohmann::json::parse(students.out).size() == 2);

    // All of the above is in the audit log, with who did it.
    auto log = run_cli("audit log --json" + config);
    REQUIRE(log.exit_code == 0);
    auto records = nlohmann::json::parse(log.out);
    std::vector<std::string> actions;
    for (const auto& r : records) actions.push_back(r["action"]);
    CHECK(std::count(actions.begin(), actions.end(), "archive.show") == 2);
    CHECK(std::count(actions.begin(), actions.end(), "archive.export") == 2);
    CHECK(records.back()["action"] == "archive.students");
    CHECK(records.back()["actor"] == current_os_actor().name);
    CHECK(log.out.find("Dupr") == std::string::npos);
}

TEST_CASE("cli: audit verify exit 0, then 1 naming the tampered entry", "[cli]") {
    TestArchive archive("cli-verify");
    std::vector<std::string> raws;
    auto entries = record_three(archive, raws);
    std::string config = " --config " + archive.config_file().string();
    auto ok = run_cli("audit verify" + config);
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::StartsWith("audit chain intact: 4 records (3 case-file entries, 0 purged; 1 audit records)"));

    BlobStore blobs(archive.dir() / "blobs");
    auto path = blobs.path_of(entries[1].blob_id);
    std::string bytes = test::read_file(path);
    bytes[200] = static_cast<char>(bytes[200] ^ 1);
    test::write_file(path, bytes);
    auto bad = run_cli("audit verify" + config);
    CHECK(bad.exit_code == 1);
    CHECK(line_count(bad.err) == 1);
    CHECK_THAT(bad.err, Catch::StartsWith("chaperone: audit chain broken: case-file entry " +
                                          std::to_string(entries[1].id) + " (chain position"));
}

TEST_CASE("cli: missing or loose secret key, locked database: exit 2, one line", "[cli]") {
    TestArchive archive("cli-keys-db");
    std::vector<std::string> raws;
    auto entries = record_three(archive, raws);
    std::string config = " --config " + archive.config_file().string();
    std::string show = "archive show " + std::to_string(entries[0].id) + config;
    auto key = archive.dir() / "keys" / "archive.key";

    ::chmod(key.c_str(), 0644);
    auto loose = run_cli(show);
    CHECK(loose.exit_code == 2);
    CHECK(loose.err == "chaperone: archive secret key " + key.string() + ": mode 0644, must be 0600 (chmod 600 " +
                           key.string() + ")\n");
    ::chmod(key.c_str(), 0600);

    std::filesystem::rename(key, archive.dir() / "keys" / "moved.key");
    auto missing = run_cli(show);
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "chaperone: archive secret key " + key.string() +
                             ": No such file or directory (run 'chaperone keys init')\n");
    // Listing needs no secret key.
    CHECK(run_cli("archive list --student B801200005001" + config).exit_code == 0);
    std::filesystem::rename(archive.dir() / "keys" / "moved.key", key);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((archive.dir() / "chaperone.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto locked = run_cli("archive list --student B801200005001" + config);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    CHECK(locked.exit_code == 2);
    CHECK(line_count(locked.err) == 1);
    CHECK_THAT(locked.err, Catch::Contains("database is locked"));
}

TEST_CASE("cli: purge dry run changes nothing; fsck reports orphans", "[cli]") {
    TestArchive archive("cli-purge");
    std::vector<std::string> raws;
    record_three(archive, raws);
    std::string config = " --config " + archive.config_file().string();
    auto dry = run_cli("archive purge --dry-run" + config);
    CHECK(dry.exit_code == 0);
    CHECK(dry.out == "0 entries past retention (dob + 25 years); nothing changed (dry run)\n");

    auto clean = run_cli("archive fsck" + config);
    CHECK(clean.exit_code == 0);
    CHECK(clean.out == "archive store consistent\n");
    test::write_file(archive.dir() / "blobs" / "ab" / "ab00000000000000000000000000000f", "orphan");
    auto orphan = run_cli("archive fsck" + config);
    CHECK(orphan.exit_code == 1);
    CHECK_THAT(orphan.out, Catch::StartsWith("orphan blob (no entry refers to it): "));
}

TEST_CASE("cli: a fresh store makes its keys at first use; a used store without them refuses", "[cli][keys]") {
    test::ScratchDir dir("cli-fresh");
    test::write_file(dir / "c.toml", "[school]\ninternal_domains = [\"school.example\"]\n[storage]\ndir = \"" +
                                         (dir / "store").string() + "\"\n");
    std::string config = " --config " + (dir / "c.toml").string();
    // The first command of a new install: no `keys init` needed.
    auto first = run_cli("roster show" + config);
    INFO(first.err);
    CHECK(first.exit_code == 0);
    CHECK(first.out == "no roster imported yet\n");
    for (const char* name : {"archive.pub", "archive.key", "chain.key"}) {
        INFO(name);
        CHECK(std::filesystem::exists(dir / "store" / "keys" / name));
    }
    struct stat st {};
    REQUIRE(::stat((dir / "store" / "keys" / "archive.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // Keys lost beside a database that holds data: refused, never replaced.
    std::filesystem::remove_all(dir / "store" / "keys");
    auto lost = run_cli("roster show" + config);
    CHECK(lost.exit_code == 2);
    CHECK_THAT(lost.err, Catch::Contains("archive public key"));
    CHECK_THAT(lost.err, Catch::Contains("run 'chaperone keys init'"));
    CHECK_FALSE(std::filesystem::exists(dir / "store" / "keys" / "archive.pub"));
}
