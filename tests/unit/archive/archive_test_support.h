// Shared set-up for archive tests (header-only): a scratch store with its own config file and keys, the
// fixture roster loaded, and builders for correspondence.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "archive/casefile/correspondence.h"
#include "archive/store/store.h"
#include "policies/config/config.h"
#include "test_support.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "archive/casefile/text_util.h"
#include "archive/crypto/key_files.h"
#include "archive/roster/roster_importer.h"

namespace chaperone::test {

class TestArchive {
public:
    // Creates <scratch>/chaperone.toml, generates keys, imports the fixture roster when asked.
    explicit TestArchive(const std::string& name, bool load_fixture_roster = true, const std::string& extra_toml = "");

    const policies::Config& config() const { return config_; }
    const std::filesystem::path& config_file() const { return config_file_; }
    std::filesystem::path dir() const { return scratch_.path() / "store"; }
    const ScratchDir& scratch() const { return scratch_; }

    // A store opened in `role` (default: reader, which can also write).
    std::unique_ptr<archive::Store> open(archive::StoreRole role = archive::StoreRole::reader) const;

    // Runs SQL straight on the database file, as an attacker or a test would.
    void sql(const std::string& statement) const;
    // The same, returning SQLite's error message ("" on success) instead of failing the test.
    std::string sql_error(const std::string& statement) const;
    std::int64_t sql_int(const std::string& query) const;

private:
    ScratchDir scratch_;
    std::filesystem::path config_file_;
    policies::Config config_;
};

// The fixture roster (tests/fixtures/roster/students.csv, contacts.csv, staff.csv).
pii::Roster fixture_roster();

// A simple message, with a Date header from `sent`.
std::string simple_message(const std::string& from, const std::string& to, const std::string& subject,
                           const archive::Timestamp& sent, const std::string& body);

// A Correspondence for `raw` (which must outlive it) to or from one contact.
archive::Correspondence correspondence_for(const std::string& raw, archive::Direction direction,
                                           const std::string& contact, const archive::Timestamp& sent,
                                           std::vector<std::string> named_upns = {});

archive::Actor test_actor();

// Runs build/bin/chaperone with `args`; captures stdout and stderr; returns the exit code.
struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CliResult run_cli(const std::string& args);

// ---- implementation (header-only: the test CMake globs *_test.cpp) ----


inline TestArchive::TestArchive(const std::string& name, bool load_fixture_roster, const std::string& extra_toml)
    : scratch_(name) {
    config_file_ = scratch_ / "chaperone.toml";
    write_file(config_file_, fmt::format("[school]\nname = \"Pembury Lane Primary\"\ninternal_domains = [\"school.example\"]\n"
                                         "[storage]\ndir = \"{}\"\nbusy_timeout_ms = 1000\n{}",
                                         (scratch_ / "store").string(), extra_toml));
    auto config = policies::load_config(config_file_);
    REQUIRE(config.is_ok());
    config_ = std::move(config).value();
    auto keys = archive::crypto::generate_key_files(archive::crypto::key_paths(config_.storage));
    REQUIRE(keys.is_ok());
    if (load_fixture_roster) {
        auto store = open(archive::StoreRole::admin);
        auto version = store->roster().replace_roster(fixture_roster(), test_actor());
        REQUIRE(version.is_ok());
    }
}

inline std::unique_ptr<archive::Store> TestArchive::open(archive::StoreRole role) const {
    auto store = archive::open_store(config_, role);
    INFO(store.error_message());
    REQUIRE(store.is_ok());
    return std::move(store).value();
}

inline std::string TestArchive::sql_error(const std::string& statement) const {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir() / "chaperone.db").c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : (rc == SQLITE_OK ? "" : "failed");
    sqlite3_free(error);
    sqlite3_close(db);
    return message;
}

inline void TestArchive::sql(const std::string& statement) const {
    std::string error = sql_error(statement);
    INFO(statement << ": " << error);
    REQUIRE(error.empty());
}

inline std::int64_t TestArchive::sql_int(const std::string& query) const {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir() / "chaperone.db").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::int64_t value = -1;
    if (sqlite3_step(st) == SQLITE_ROW) value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

inline pii::Roster fixture_roster() {
    archive::roster::RosterFiles files{tests_path("fixtures/roster/students.csv").string(),
                                       tests_path("fixtures/roster/contacts.csv").string(),
                                       tests_path("fixtures/roster/staff.csv").string()};
    auto outcome = archive::roster::import_roster_files(files, policies::RosterConfig{});
    INFO((outcome.problems.empty() ? "" : outcome.problems[0]));
    REQUIRE(outcome.ok());
    return outcome.roster;
}

inline std::string simple_message(const std::string& from, const std::string& to, const std::string& subject,
                           const archive::Timestamp& sent, const std::string& body) {
    // RFC 5322 date in UTC from the timestamp.
    std::string asc = archive::format_asctime_utc(sent);  // "Tue Mar  5 08:12:00 2024"
    std::string day = asc.substr(0, 3), mon = asc.substr(4, 3), mday = archive::trim(asc.substr(8, 2)),
                time = asc.substr(11, 8), year = asc.substr(20, 4);
    return fmt::format(
        "From: {}\nTo: {}\nSubject: {}\nDate: {}, {} {} {} {} +0000\nMessage-ID: <{}@test.example>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n{}\n",
        from, to, subject, day, mday, mon, year, time, sent.unix_seconds, body);
}

inline archive::Correspondence correspondence_for(const std::string& raw, archive::Direction direction,
                                           const std::string& contact, const archive::Timestamp& sent,
                                           std::vector<std::string> named_upns) {
    archive::Correspondence c;
    c.direction = direction;
    c.sent_at = sent;
    c.recorded_at = archive::Timestamp{sent.unix_seconds + 5, 0};
    if (direction == archive::Direction::out) {
        c.envelope_from = "office@school.example";
        c.envelope_to = {contact};
        c.header_from = "School Office <office@school.example>";
        c.header_to = {contact};
    } else {
        c.envelope_from = contact;
        c.envelope_to = {"office@school.example"};
        c.header_from = contact;
        c.header_to = {"School Office <office@school.example>"};
    }
    c.subject = "Test subject";
    c.message_id = "<test@test.example>";
    c.raw_message = raw;
    c.contact_emails = {contact};
    c.named_upns = std::move(named_upns);
    return c;
}

inline archive::Actor test_actor() { return archive::Actor{"test-runner", "cli"}; }

inline CliResult run_cli(const std::string& args) {
    ScratchDir out_dir("cli-out");
    auto out = out_dir / "out", err = out_dir / "err";
    std::string command = fmt::format("{}/bin/chaperone {} >{} 2>{} </dev/null", CHAPERONE_BINARY_DIR, args,
                                      out.string(), err.string());
    int status = std::system(command.c_str());
    CliResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
}

}  // namespace chaperone::test
