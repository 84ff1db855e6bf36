// Precision and recall of the PII engine on the labelled corpus (tests/corpus, LABELLING.md).
//
// Loads the roster CSVs (canonical headers, a minimal CSV reader: the production importer
// lives in archive/), the school settings from school.toml, and labels.json; scans every
// message with Scanner::scan_message using the envelope from labels.json; matches findings
// to labels by kind + where + overlapping text (case and whitespace ignored), one to one;
// prints a table per kind and for messages; fails under the floors below. The same is done,
// with its own floors and printed separately, for the held-out set in tests/corpus/heldout.
//
// Tuning rule: every change made to reach these figures is a general rule with its own unit
// test (tests/unit/pii/detect_*); nothing here or in pii/ special-cases corpus strings.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "pii/mime/mime_message.h"
#include "pii/roster/roster_index.h"
#include "pii/scanner.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::pii;

namespace {

// Floors: message level as the product brief asks; per kind, what the engine honestly
// reaches (measured 2025-03: every kind at precision 1.000; recall 0.995 for person_name,
// 1.000 for the rest), less a margin for kinds with few labels, where one finding moves
// the figure by 5-8 points. Raise them as the engine improves; never lower them to pass.
constexpr double kMessageRecallFloor = 0.97;
constexpr double kMessagePrecisionFloor = 0.95;
constexpr double kAllFindingsFloor = 0.97;  // precision and recall over all findings
struct KindFloor {
    const char* kind;
    double precision;
    double recall;
};
constexpr KindFloor kKindFloors[] = {
    {"person_name", 0.97, 0.97}, {"dob", 0.95, 0.95},  {"address", 0.9, 0.9},    {"postcode", 0.9, 0.9},
    {"upn", 0.9, 0.9},           {"uln", 0.9, 0.9},    {"nhs_number", 0.9, 0.9}, {"nino", 0.9, 0.9},
    {"phone", 0.9, 0.9},         {"email", 0.9, 0.9},
};

// Held-out floors (see the held-out TEST_CASE): measured 2025-03 (messages P 1.000 R 1.000;
// all findings P 0.982 R 0.969; person_name P 0.975 R 0.943; dob P 0.972 R 1.000; every other
// kind 1.000), rounded down to 0.05 and capped at the main corpus's floors. The small kinds
// (nino 3 labels, email 4) fail on a single miss: that is the point of a floor, not noise.
constexpr double kHeldoutMessageRecallFloor = 0.97;
constexpr double kHeldoutMessagePrecisionFloor = 0.95;
constexpr double kHeldoutAllPrecisionFloor = 0.95;
constexpr double kHeldoutAllRecallFloor = 0.95;
constexpr KindFloor kHeldoutKindFloors[] = {
    {"person_name", 0.95, 0.9}, {"dob", 0.95, 0.95}, {"address", 0.9, 0.9},    {"postcode", 0.9, 0.9},
    {"upn", 0.9, 0.9},          {"uln", 0.9, 0.9},   {"nhs_number", 0.9, 0.9}, {"nino", 0.9, 0.9},
    {"phone", 0.9, 0.9},        {"email", 0.9, 0.9},
};

// --- a minimal CSV reader: quotes, doubled quotes, CRLF --------------------------------
std::vector<std::vector<std::string>> read_csv(const std::string& bytes) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field.push_back('"'), ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field)), field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
            rows.back().push_back(std::move(field)), field.clear();
            rows.emplace_back();
        } else {
            field.push_back(c);
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    while (!rows.empty() && (rows.back().empty() || (rows.back().size() == 1 && rows.back()[0].empty()))) rows.pop_back();
    return rows;
}

// Rows as header -> value maps.
std::vector<std::map<std::string, std::string>> read_table(const std::filesystem::path& path) {
    const auto rows = read_csv(test::read_file(path));
    std::vector<std::map<std::string, std::string>> out;
    if (rows.empty()) return out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) row[rows[0][c]] = rows[r][c];
        out.push_back(std::move(row));
    }
    return out;
}

Roster load_roster(const std::filesystem::path& dir) {
    Roster roster;
    for (auto& r : read_table(dir / "students.csv")) {
        roster.pupils.push_back({r["upn"], r["forename"], r["surname"], r["dob"], r["year_group"], r["address_line1"],
                                 r["town"], r["postcode"]});
    }
    for (auto& r : read_table(dir / "contacts.csv")) {
        roster.contacts.push_back({r["upn"], r["contact_name"], r["relationship"], normalise_email(r["email"]), r["phone"]});
    }
    for (auto& r : read_table(dir / "staff.csv")) roster.staff.push_back({r["name"], normalise_email(r["email"])});
    roster.version = 1;
    return roster;
}

ScanContext school_context(const std::filesystem::path& toml_path) {
    ScanContext context;
    const toml::table config = toml::parse_file(toml_path.string());
    context.school_address = config["school"]["address"].value_or(std::string());
    if (const auto* phones = config["school"]["phones"].as_array()) {
        for (const auto& p : *phones) context.school_phones.push_back(p.value_or(std::string()));
    }
    if (const auto* domains = config["school"]["internal_domains"].as_array()) {
        for (const auto& d : *domains) context.internal_domains.push_back(d.value_or(std::string()));
    }
    return context;
}

// --- matching ---------------------------------------------------------------------------
std::string normalise(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Overlapping span text: one contains the other, or they share a run of at least half the
// shorter one (and at least three characters): "14 Larch Close" ~ "14 Larch Close, Leicester".
bool texts_overlap(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    if (a.find(b) != std::string::npos || b.find(a) != std::string::npos) return true;
    const std::size_t need = std::max<std::size_t>(3, std::min(a.size(), b.size()) / 2);
    for (std::size_t len = std::min(a.size(), b.size()); len >= need; --len) {
        for (std::size_t i = 0; i + len <= a.size(); ++i) {
            if (b.find(a.substr(i, len)) != std::string::npos) return true;
        }
    }
    return false;
}

struct Expected {
    std::string kind, text, where;
};

struct Tally {
    int tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
    double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

// The result of scanning one labelled corpus directory.
struct CorpusResult {
    std::map<std::string, Tally> kinds;
    Tally messages, all;
    int message_count = 0, protected_findings = 0;
    std::string table;  // the printed summary
};

// Scans every message of `corpus` (labels.json, roster/, school.toml) and matches findings to
// labels; prints the summary under `title` and writes it with every miss and false alarm to
// `details_name` in the build directory.
CorpusResult evaluate_corpus(const std::filesystem::path& corpus, const std::string& title, const std::string& details_name) {
    CorpusResult result;
    REQUIRE(std::filesystem::exists(corpus / "labels.json"));
    const auto index = RosterIndex::build(load_roster(corpus / "roster"));
    const ScanContext school = school_context(corpus / "school.toml");
    const Scanner scanner(ScanSettings{}, index);
    const nlohmann::json labels = nlohmann::json::parse(test::read_file(corpus / "labels.json"));

    std::map<std::string, Tally>& kinds = result.kinds;
    for (const KindFloor& k : kKindFloors) kinds[k.kind];
    Tally& messages = result.messages;
    int& message_count = result.message_count;
    int& protected_findings = result.protected_findings;
    int attachment_sources = 0, capped_labels = 0;
    std::ostringstream details;

    for (const auto& entry : labels) {
        const std::string file = entry["file"];
        auto message = MimeMessage::parse(test::read_file(corpus / file));
        REQUIRE(message.is_ok());
        ++message_count;
        ScanContext context = school;
        context.sender.address = normalise_email(entry["from"].get<std::string>());
        for (const auto& to : entry["to"]) context.recipients.push_back({normalise_email(to.get<std::string>()), ""});
        const ScanReport report = scanner.scan_message(*message, context);
        // CORPUS_DUMP=<part of a file name> prints that message's texts and findings.
        if (const char* dump = std::getenv("CORPUS_DUMP"); dump && file.find(dump) != std::string::npos) {
            for (const auto& t : report.extraction.texts) std::printf("=== %s\n%s\n", t.where.c_str(), t.text.c_str());
            for (const auto& a : report.extraction.attachments) {
                std::printf("attachment %s type %s protection %s: %s\n", a.name.c_str(), a.detected_type.c_str(),
                            protection_name(a.protection).c_str(), a.detail.c_str());
            }
            for (const auto& f : report.findings) {
                std::printf("  %s [%s] %zu \"%s\" %.2f %s\n", std::string(kind_name(f.kind)).c_str(), f.where.c_str(), f.start,
                            f.text.c_str(), f.confidence, f.reason.c_str());
            }
        }
        for (const auto& t : report.extraction.texts) attachment_sources += t.where != "body";

        // A label cannot be expected more often than its text occurs in the text the engine
        // was given (at least once, so a source that failed to extract still counts as
        // missed); occurrences inside a longer label of the same kind do not count ("Mateo"
        // within "Mateo Fernández"). The corpus counts a name once per multipart/alternative
        // part, the extractor reads identical alternatives once (message_extractor.h): that
        // difference is capped here, and the number of capped labels is printed.
        std::vector<Expected> all_labels;
        for (const auto& f : entry["findings"]) all_labels.push_back({f["kind"], f["text"], f["where"]});
        std::vector<Expected> expected;
        std::map<std::string, int> seen;
        for (const Expected& e : all_labels) {
            const std::string needle = normalise(e.text);
            int occurrences = 0;
            for (const auto& t : report.extraction.texts) {
                if (t.where != e.where || needle.empty()) continue;
                const std::string haystack = normalise(t.text);
                for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
                    bool inside_longer = false;
                    for (const Expected& other : all_labels) {
                        const std::string o = normalise(other.text);
                        if (other.kind != e.kind || other.where != e.where || o.size() <= needle.size()) continue;
                        const std::size_t off = o.find(needle);
                        if (off != std::string::npos && at >= off && haystack.compare(at - off, o.size(), o) == 0) {
                            inside_longer = true;
                        }
                    }
                    occurrences += !inside_longer;
                }
            }
            if (++seen[e.kind + "\x1f" + e.where + "\x1f" + needle] > std::max(1, occurrences)) {
                ++capped_labels;
                continue;
            }
            expected.push_back(e);
        }
        // One to one: equal texts first, then overlapping ones.
        std::vector<bool> used(report.findings.size(), false);
        std::vector<bool> done(expected.size(), false);
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t k = 0; k < expected.size(); ++k) {
                if (done[k]) continue;
                const Expected& e = expected[k];
                for (std::size_t i = 0; i < report.findings.size(); ++i) {
                    const Finding& f = report.findings[i];
                    if (used[i] || kind_name(f.kind) != e.kind || f.where != e.where) continue;
                    const std::string a = normalise(f.text), b = normalise(e.text);
                    if (pass == 0 ? a != b : !texts_overlap(a, b)) continue;
                    used[i] = done[k] = true;
                    break;
                }
            }
        }
        for (std::size_t k = 0; k < expected.size(); ++k) {
            const Expected& e = expected[k];
            if (done[k]) {
                ++kinds[e.kind].tp;
            } else {
                ++kinds[e.kind].fn;
                details << fmt::format("MISS  {:<11} {:<40} [{}] \"{}\"\n", e.kind, file.substr(9), e.where, e.text);
            }
        }
        for (std::size_t i = 0; i < report.findings.size(); ++i) {
            if (used[i]) continue;
            const Finding& f = report.findings[i];
            ++kinds[std::string(kind_name(f.kind))].fp;
            details << fmt::format("FALSE {:<11} {:<40} [{}] \"{}\" ({}, {:.2f})\n", kind_name(f.kind), file.substr(9),
                                   f.where, f.text, f.reason, f.confidence);
        }
        // Protected attachments are never opened: nothing may be found "inside" them.
        for (const auto& a : report.extraction.attachments) {
            if (!is_protected(a.protection)) continue;
            for (const Finding& f : report.findings) protected_findings += f.where == a.name;
        }
        const bool positive = !expected.empty();
        const bool predicted = !report.findings.empty();
        if (positive && predicted) ++messages.tp;
        if (!positive && predicted) ++messages.fp;
        if (positive && !predicted) ++messages.fn;
    }

    std::string table = fmt::format("\n{}: {} messages, {} attachment texts; {} labels beyond their text's occurrences not counted\n",
                                    title, message_count, attachment_sources, capped_labels);
    table += fmt::format("{:<12} {:>5} {:>5} {:>5} {:>9} {:>7}\n", "kind", "TP", "FP", "FN", "precision", "recall");
    Tally& all = result.all;
    for (const KindFloor& k : kKindFloors) {
        const Tally& t = kinds[k.kind];
        all.tp += t.tp, all.fp += t.fp, all.fn += t.fn;
        table += fmt::format("{:<12} {:>5} {:>5} {:>5} {:>9.3f} {:>7.3f}\n", k.kind, t.tp, t.fp, t.fn, t.precision(), t.recall());
    }
    table += fmt::format("{:<12} {:>5} {:>5} {:>5} {:>9.3f} {:>7.3f}\n", "all findings", all.tp, all.fp, all.fn,
                         all.precision(), all.recall());
    table += fmt::format("{:<12} {:>5} {:>5} {:>5} {:>9.3f} {:>7.3f}\n", "messages", messages.tp, messages.fp, messages.fn,
                         messages.precision(), messages.recall());
    std::printf("%s", table.c_str());
    test::write_file(std::filesystem::path(CHAPERONE_BINARY_DIR) / details_name, table + "\n" + details.str());
    result.table = table;
    return result;
}

}  // namespace

TEST_CASE("PII engine precision and recall on the labelled corpus", "[corpus]") {
    const CorpusResult r = evaluate_corpus(test::tests_path("corpus"), "Corpus", "corpus_eval_details.txt");
    CHECK(r.message_count >= 150);
    CHECK(r.protected_findings == 0);
    CHECK(r.messages.recall() >= kMessageRecallFloor);
    CHECK(r.messages.precision() >= kMessagePrecisionFloor);
    CHECK(r.all.precision() >= kAllFindingsFloor);
    CHECK(r.all.recall() >= kAllFindingsFloor);
    for (const KindFloor& k : kKindFloors) {
        INFO(k.kind);
        CHECK(r.kinds.at(k.kind).precision() >= k.precision);
        CHECK(r.kinds.at(k.kind).recall() >= k.recall);
    }
}

// The held-out set (tests/corpus/heldout, README "Held-out set"): written blind to the
// detectors and never tuned on. Its floors are the measured figures rounded down to 0.05
// (never above the main corpus's): a regression fails, the honest figure stands.
TEST_CASE("PII engine precision and recall on the held-out corpus", "[corpus][heldout]") {
    const CorpusResult r = evaluate_corpus(test::tests_path("corpus/heldout"), "Held-out corpus", "corpus_eval_heldout_details.txt");
    CHECK(r.message_count >= 80);
    CHECK(r.protected_findings == 0);
    CHECK(r.messages.recall() >= kHeldoutMessageRecallFloor);
    CHECK(r.messages.precision() >= kHeldoutMessagePrecisionFloor);
    CHECK(r.all.precision() >= kHeldoutAllPrecisionFloor);
    CHECK(r.all.recall() >= kHeldoutAllRecallFloor);
    for (const KindFloor& k : kHeldoutKindFloors) {
        INFO(k.kind);
        CHECK(r.kinds.at(k.kind).precision() >= k.precision);
        CHECK(r.kinds.at(k.kind).recall() >= k.recall);
    }
}
