// bench_archive: how fast the archive records parent correspondence, lists a pupil's case
// file and exports it. Figures only, no pass/fail.
//
//   build/bin/bench_archive [--messages N] [--pupils P] [--dir DIR]
// Defaults: 100,000 messages of 4-8 KB spread over 2,000 pupils, in a scratch directory
// under the build tree (removed afterwards). Each record is what the milter does per
// message: seal the blob (fsync + rename + dir fsync), then one SQLite transaction
// (synchronous=FULL) with the metadata row, pupil links and chain link.
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "archive/crypto/key_files.h"
#include "archive/export/exporter.h"
#include "archive/roster/upn.h"
#include "archive/store/store.h"
#include "policies/config/config.h"

using namespace chaperone;
using namespace chaperone::archive;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string upn_for(int n) {
    std::string body = fmt::format("801200{:06}", n);
    auto check = roster::upn_check_letter("A" + body);
    return std::string(1, *check) + body;
}

std::string message(std::mt19937& rng, int n, const std::string& to, std::int64_t sent) {
    static const char* kWords[] = {"reading", "homework", "trip", "uniform", "lunch", "assembly", "maths",
                                   "spelling", "swimming", "parents", "evening", "form", "please", "thank", "you"};
    std::uniform_int_distribution<int> size(4000, 8000), word(0, 14);
    int target = size(rng);
    std::string body;
    while (static_cast<int>(body.size()) < target) {
        body += kWords[word(rng)];
        body += body.size() % 70 < 8 ? "\n" : " ";
    }
    return fmt::format(
        "From: School Office <office@school.example>\nTo: {}\nSubject: Letter {}\nDate: Tue, 05 Mar 2024 09:12:00 +0000\n"
        "Message-ID: <{}@school.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n{}\n",
        to, n, n, body);
}

}  // namespace

int main(int argc, char** argv) {
    int messages = 100000, pupils = 2000;
    std::filesystem::path dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--messages") messages = std::stoi(argv[i + 1]);
        else if (arg == "--pupils") pupils = std::stoi(argv[i + 1]);
        else if (arg == "--dir") dir = argv[i + 1];
    }
    bool scratch = dir.empty();
    if (scratch) dir = std::filesystem::current_path() / fmt::format("bench-archive-{}", ::getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string toml = fmt::format("[school]\nname = \"Bench School\"\ninternal_domains = [\"school.example\"]\n"
                                   "[storage]\ndir = \"{}\"\n",
                                   (dir / "store").string());
    std::ofstream(dir / "chaperone.toml") << toml;
    auto config = policies::load_config(dir / "chaperone.toml");
    if (!config) return std::fprintf(stderr, "%s\n", config.error_message().c_str()), 2;
    if (auto s = crypto::generate_key_files(crypto::key_paths(config->storage)); !s) {
        return std::fprintf(stderr, "%s\n", s.message().c_str()), 2;
    }
    auto opened = open_store(*config, StoreRole::reader);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error_message().c_str()), 2;
    auto& store = **opened;

    // Roster: one contact per pupil, every tenth contact with a sibling too.
    pii::Roster roster;
    for (int p = 0; p < pupils; ++p) {
        roster.pupils.push_back({upn_for(p), fmt::format("Forename{}", p), fmt::format("Surname{}", p), "2015-04-12",
                                 "Year 4", "1 Bench Road", "Leicester", "LE4 1AA"});
        int family = p % 10 == 1 ? p - 1 : p;
        roster.contacts.push_back({upn_for(p), fmt::format("Parent{}", family), "Mother",
                                   fmt::format("parent{}@parents.example", family), ""});
    }
    Actor actor{"bench", "cli"};
    auto start = Clock::now();
    if (auto v = store.roster().replace_roster(roster, actor); !v) return std::fprintf(stderr, "%s\n", v.error_message().c_str()), 2;
    std::printf("roster import: %d pupils in %.1f ms\n", pupils, ms_since(start));

    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, pupils - 1);
    std::uint64_t bytes = 0;
    start = Clock::now();
    for (int n = 0; n < messages; ++n) {
        int p = pick(rng);
        int family = p % 10 == 1 ? p - 1 : p;
        std::string to = fmt::format("parent{}@parents.example", family);
        // Sent dates spread over a school year, arriving in no particular order.
        std::int64_t sent = 1693526400 + static_cast<std::int64_t>(rng() % (300 * 86400));
        std::string raw = message(rng, n, to, sent);
        bytes += raw.size();
        Correspondence c;
        c.direction = n % 3 == 0 ? Direction::in : Direction::out;
        c.sent_at = Timestamp{sent, 0};
        c.recorded_at = Timestamp{sent + 2, 0};
        c.envelope_from = "office@school.example";
        c.envelope_to = {to};
        c.header_from = "School Office <office@school.example>";
        c.header_to = {to};
        c.subject = fmt::format("Letter {}", n);
        c.message_id = fmt::format("<{}@school.example>", n);
        c.raw_message = raw;
        c.contact_emails = {to};
        if (auto r = store.casefiles().record(c); !r) return std::fprintf(stderr, "%s\n", r.error_message().c_str()), 2;
        if ((n + 1) % 10000 == 0) {
            std::fprintf(stderr, "  %d recorded, %.0f msgs/s\n", n + 1, (n + 1) / (ms_since(start) / 1000));
        }
    }
    double insert_ms = ms_since(start);
    std::printf("record: %d messages (%.1f MB, avg %.1f KB) in %.1f s = %.0f msgs/s\n", messages, bytes / 1e6,
                bytes / 1024.0 / messages, insert_ms / 1000, messages / (insert_ms / 1000));

    // The pupil with the biggest case file (a sibling shares the family's letters).
    std::string upn = upn_for(0);
    start = Clock::now();
    auto listed = store.casefiles().list_entries(EntryQuery{upn, "", {}, {}, 1000000}, actor);
    double list_ms = ms_since(start);
    if (!listed) return std::fprintf(stderr, "%s\n", listed.error_message().c_str()), 2;
    std::printf("list one pupil's case file: %zu entries in %.2f ms\n", listed->size(), list_ms);
    start = Clock::now();
    for (int i = 0; i < 100; ++i) (void)store.casefiles().list_entries(EntryQuery{upn_for(pick(rng)), "", {}, {}, 1000000}, actor);
    std::printf("list, 100 random pupils: %.2f ms per listing (audit record included)\n", ms_since(start) / 100);
    start = Clock::now();
    (void)store.roster().roster_version();
    std::printf("roster_version(): %.3f ms\n", ms_since(start));

    for (auto [format, name] : {std::pair{ExportFormat::mbox, "mbox"}, std::pair{ExportFormat::eml_zip, "eml-zip"},
                                std::pair{ExportFormat::pdf, "pdf"}}) {
        start = Clock::now();
        auto out = dir / fmt::format("export.{}", name);
        auto exporter = make_exporter(format, out, ExportHeading{"Bench School", upn, {}, "bench"}, config->limits);
        if (!exporter) return std::fprintf(stderr, "%s\n", exporter.error_message().c_str()), 2;
        Status s = store.casefiles().read_entries(*listed, actor, AuditEvent{"archive.export", "student " + upn, "{}"},
                                                  [&](const EntrySummary& e, std::string_view raw) {
                                                      return (*exporter)->add(e, raw);
                                                  });
        if (s) s = (*exporter)->finish();
        if (!s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 2;
        std::printf("export %zu entries as %s: %.1f ms (%.0f KB)\n", listed->size(), name, ms_since(start),
                    std::filesystem::file_size(out) / 1024.0);
    }
    start = Clock::now();
    auto report = store.audit().verify_chain();
    if (report) {
        std::printf("audit verify: %lld records, %s, in %.1f s\n", static_cast<long long>(report->records),
                    report->ok ? "intact" : report->first_problem.c_str(), ms_since(start) / 1000);
    }
    if (scratch) std::filesystem::remove_all(dir);
    return 0;
}
