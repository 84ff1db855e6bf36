// `chaperone scan`: the PII findings in one file, as the milter's scanner sees them.
//
//   chaperone scan --config C [--json] FILE
//
// FILE is a message (.eml: body and every attachment, correspondents from its own headers)
// or one attachment-type file (txt csv rtf docx xlsx pptx odt ods odp pdf zip ..., chosen by
// content, then by name). With --json prints, on one line,
//   {"findings":[{"kind","text","start","end","where","confidence"[,"pupils"]}...],
//    "attachments":[{"name","content_type","detected_type","size","protection","detail","depth"}...],
//    "limits":[{"where","limit","detail"}...],"roster_version":N}
// (shapes in findings_json.h); otherwise a readable table. `where` is "body" (a message's
// Subject and body text) or a file name: the scanned file's own name for a non-message file,
// "outer.zip/inner.xlsx" inside archives. start/end are byte offsets into that text.
//
// Exit codes: 0 the whole file was read and holds no findings; 1 findings (printed even
// when part of the file could not be read); 2 error, with one line on stderr naming the
// file: usage, bad config, store not initialised, missing or unreadable file, and a scan
// left incomplete with nothing found (the file or a part of it corrupt, of a type we cannot
// read, or over a [limits] setting) - "nothing found" there would be a false all-clear.
// Password-protected attachments are listed with their protection and not opened; that is
// not an error (the policy allows PII inside them).
//
// The roster comes from the store, as for `check` and the milter (stored_roster.h); until
// one is imported only the generic detectors run (a pupil's bare first name is missed); the
// table notes it on stdout, stderr stays empty.
// Nothing here logs: the output is the admin's own, on the admin's own terminal.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/command.h"
#include "archive/cli/findings_json.h"
#include "archive/cli/stored_roster.h"
#include "pii/roster/roster_index.h"
#include "pii/scanner.h"
#include "policies/decision/engine_factory.h"

namespace chaperone::cli {
namespace {

namespace fs = std::filesystem;

// A clear reason when FILE cannot be scanned at all, before any work; "" when it can be opened.
std::string file_problem(const fs::path& file) {
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (ec || !fs::exists(st)) return "no such file";
    if (fs::is_directory(st)) return "is a directory, not a file";
    if (!fs::is_regular_file(st)) return "not a regular file";
    std::ifstream in(file, std::ios::binary);
    if (!in) return "cannot be opened for reading (permission denied?)";
    return "";
}

// The school's own address, phones and mail domains are not PII; there is no envelope, so
// a message's correspondents come from its own headers (Scanner::scan_file does that).
pii::ScanContext context_for(const policies::Config& config) {
    pii::ScanContext context;
    context.school_address = config.school.address;
    context.school_phones = config.school.phones;
    context.internal_domains = config.school.internal_domains;
    return context;
}

// Why the scan is incomplete (the first reason, and how many more), or "" when it is complete.
std::string incomplete_reason(const pii::ScanReport& report) {
    std::string first;
    std::size_t count = 0;
    std::set<std::string> unread;  // a limit hit usually also makes its attachment unreadable: say it once
    for (const auto& a : report.extraction.attachments) {
        if (a.protection != pii::Protection::unreadable) continue;
        unread.insert(a.name);
        if (count++ == 0) first = fmt::format("'{}' not read ({})", a.name, a.detail);
    }
    for (const auto& l : report.extraction.limits) {
        if (unread.count(l.where)) continue;
        if (count++ == 0) first = fmt::format("limit {} reached in '{}' ({})", l.limit, l.where, l.detail);
    }
    if (count == 0) return "";
    return count == 1 ? first : fmt::format("{} and {} more", first, count - 1);
}

// Table cells stay on one line: the extracted text may carry tabs and line breaks.
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out;
}

void print_table(const std::string& file, const pii::ScanReport& report, std::uint64_t roster_version) {
    const auto& findings = report.findings;
    if (findings.empty()) {
        std::printf("%s: no findings\n", file.c_str());
    } else {
        std::printf("%s: %zu finding(s)\n", file.c_str(), findings.size());
        std::printf("%-11s %-24s %8s %8s %5s  %s\n", "KIND", "WHERE", "START", "END", "CONF", "TEXT");
        for (const auto& f : findings) {
            std::printf("%-11s %-24s %8zu %8zu %5.2f  %s\n", std::string(pii::kind_name(f.kind)).c_str(),
                        one_line(f.where).c_str(), f.start, f.end, f.confidence, one_line(f.text).c_str());
        }
    }
    for (const auto& a : report.extraction.attachments)
        std::printf("attachment %s (%s): %s%s%s\n", a.name.c_str(), a.detected_type.c_str(),
                    pii::protection_name(a.protection).c_str(), a.detail.empty() ? "" : " - ", a.detail.c_str());
    for (const auto& l : report.extraction.limits)
        std::printf("limit %s reached in %s: %s\n", l.limit.c_str(), l.where.c_str(), l.detail.c_str());
    if (roster_version == 0)
        std::printf("note: no roster imported: generic detectors only, pupils' names, DOBs and addresses not matched to the roster\n");
}

int run_scan(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    if (!args.require({"config"})) return usage_error(args.error());
    if (args.positional().size() != 1) return usage_error("scan takes exactly one FILE");
    auto config = load_cli_config(args);
    if (!config) return kExitError;

    const std::string& file = args.positional().front();
    if (std::string problem = file_problem(file); !problem.empty()) return input_error(file + ": " + problem);

    auto stored = load_stored_roster(*config);
    if (!stored) return kExitError;
    std::shared_ptr<const pii::RosterIndex> index;
    if (stored->roster) index = pii::RosterIndex::build(*stored->roster);
    const pii::Scanner scanner(policies::scan_settings_for(*config), std::move(index));

    auto report = scanner.scan_file(file, context_for(*config));
    if (!report) {
        // The scanner's messages usually name the path already ("PATH is larger than ...").
        const std::string& why = report.error_message();
        return input_error(why.find(file) == std::string::npos ? file + ": " + why : why);
    }

    if (args.flag("json")) {
        nlohmann::ordered_json out;
        out["findings"] = findings_json(report->findings);
        out["attachments"] = attachments_json(report->extraction.attachments);
        out["limits"] = limits_json(report->extraction.limits);
        out["roster_version"] = stored->version;
        // File names and text are UTF-8 by extraction; a stray byte must not abort the output.
        std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    } else {
        print_table(file, *report, stored->version);
    }
    std::fflush(stdout);

    if (!report->findings.empty()) return kExitFound;
    if (std::string reason = incomplete_reason(*report); !reason.empty())
        return input_error(file + ": not fully scanned: " + reason);
    return kExitOk;
}

const CommandRegistration reg("scan", "list the PII findings in one file (message or attachment)", run_scan);

}  // namespace
}  // namespace chaperone::cli
