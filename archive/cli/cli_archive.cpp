// `chaperone archive ...`: office staff's access to the case files.
//
//   archive students [--search TEXT] [--json]
//   archive list (--student UPN | --contact EMAIL) [--from DATE] [--to DATE] [--json]
//   archive show ENTRY [--raw]
//   archive export (--student UPN | --contact EMAIL) --format mbox|eml-zip|pdf --out FILE [--from] [--to]
//   archive purge [--dry-run]
//   archive fsck [--remove-orphans]
// Every listing, reading and export is audited (archive/store/audit_log.h). Reading message
// text needs the archive secret key.
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "archive/audit/actor.h"
#include "archive/casefile/correspondence_builder.h"
#include "archive/casefile/message_text.h"
#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/export/exporter.h"

namespace chaperone::cli {
namespace {

using archive::EntrySummary;
using nlohmann::json;

constexpr auto kOrphanMinAge = std::chrono::hours(1);

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string dump(const json& j, int indent = 2) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

json entry_json(const EntrySummary& e) {
    json students = json::array();
    json filing = json::array();
    for (const auto& s : e.students) {
        students.push_back(s.upn);
        filing.push_back({{"upn", s.upn}, {"basis", std::string(archive::basis_name(s.basis))}});
    }
    json attachments = json::array();
    for (const auto& a : e.attachments) {
        attachments.push_back({{"name", a.name}, {"type", a.type}, {"size", a.size}, {"sha256", a.sha256}});
    }
    return {{"id", e.id},
            {"date", archive::format_iso8601(e.sent_at)},
            {"recorded", archive::format_iso8601(e.recorded_at)},
            {"direction", std::string(archive::direction_name(e.direction))},
            {"from", e.shown_from()},
            {"to", e.shown_to()},
            {"cc", e.header_cc},
            {"envelope_from", e.envelope_from},
            {"envelope_to", e.envelope_to},
            {"subject", e.subject},
            {"message_id", e.message_id},
            {"attachments", attachments},
            {"students", students},
            {"filing", filing},
            {"size", e.message_size}};
}

// --student / --contact and --from / --to into a query; returns an exit code or -1 if fine.
int build_query(const ArgParser& args, archive::EntryQuery& q) {
    bool student = args.has("student"), contact = args.has("contact");
    if (student == contact) return usage_error("give one of --student UPN or --contact EMAIL");
    q.student_upn = args.value("student");
    for (char& c : q.student_upn) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    q.contact_email = args.value("contact");
    if (args.has("from") && !parse_date_option(args.value("from"), false, q.from)) {
        return usage_error("--from: expected YYYY-MM-DD, got '" + args.value("from") + "'");
    }
    if (args.has("to") && !parse_date_option(args.value("to"), true, q.to)) {
        return usage_error("--to: expected YYYY-MM-DD, got '" + args.value("to") + "'");
    }
    return -1;
}

int run_students(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "search"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto students = store->casefiles().find_students(args.value("search"), archive::current_os_actor());
    if (!students) return status_error(students.status());
    if (args.flag("json")) {
        json out = json::array();
        for (const auto& s : *students) {
            out.push_back({{"upn", s.upn}, {"forename", s.forename}, {"surname", s.surname},
                           {"year_group", s.year_group}, {"on_roster", s.on_roster}, {"entries", s.entries}});
        }
        std::printf("%s\n", dump(out).c_str());
        return kExitOk;
    }
    for (const auto& s : *students) {
        std::printf("%-13s  %-32s  %-10s  %5lld %s%s\n", s.upn.c_str(), (s.forename + " " + s.surname).c_str(),
                    s.year_group.c_str(), static_cast<long long>(s.entries), s.entries == 1 ? "entry" : "entries",
                    s.on_roster ? "" : "  (left the roster)");
    }
    if (students->empty()) std::printf("no pupils match\n");
    return kExitOk;
}

int run_list(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "student", "contact", "from", "to"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    archive::EntryQuery query;
    if (int rc = build_query(args, query); rc >= 0) return rc;
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto entries = store->casefiles().list_entries(query, archive::current_os_actor());
    if (!entries) return status_error(entries.status());
    if (args.flag("json")) {
        json out = json::array();
        for (const auto& e : *entries) out.push_back(entry_json(e));
        std::printf("%s\n", dump(out).c_str());
        return kExitOk;
    }
    for (const auto& e : *entries) {
        std::printf("%6lld  %s  %-3s  %-30s -> %-30s  %s\n", static_cast<long long>(e.id),
                    archive::format_human(e.sent_at).c_str(), std::string(archive::direction_name(e.direction)).c_str(),
                    e.shown_from().c_str(), joined(e.shown_to()).c_str(), e.subject.c_str());
    }
    if (entries->empty()) std::printf("no correspondence on file\n");
    return kExitOk;
}

int run_show(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"raw"});
    if (!args.ok()) return usage_error(args.error());
    if (args.positional().size() != 1) return usage_error("archive show: expected one ENTRY id");
    archive::EntryId id = 0;
    try {
        std::size_t used = 0;
        id = std::stoll(args.positional()[0], &used);
        if (used != args.positional()[0].size() || id <= 0) throw std::invalid_argument("id");
    } catch (...) {
        return usage_error("archive show: '" + args.positional()[0] + "' is not an entry id");
    }
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::reader);
    if (!store) return kExitError;
    auto message = store->casefiles().read_entry(id, archive::current_os_actor());
    if (!message) return status_error(message.status());
    if (args.flag("raw")) {
        std::fwrite(message->raw.data(), 1, message->raw.size(), stdout);
        return kExitOk;
    }
    const EntrySummary& e = message->entry;
    std::printf("Entry:        %lld (%s)\n", static_cast<long long>(e.id),
                e.direction == archive::Direction::out ? "sent by the school" : "received from a parent or carer");
    std::printf("From:         %s\n", e.shown_from().c_str());
    std::printf("To:           %s\n", joined(e.shown_to()).c_str());
    if (!e.header_cc.empty()) std::printf("Cc:           %s\n", joined(e.header_cc).c_str());
    if (e.envelope_to != e.shown_to()) std::printf("Delivered to: %s\n", joined(e.envelope_to).c_str());
    std::printf("Date sent:    %s\n", archive::format_human(e.sent_at).c_str());
    std::printf("Recorded:     %s\n", archive::format_human(e.recorded_at).c_str());
    std::printf("Subject:      %s\n", e.subject.c_str());
    if (!e.message_id.empty()) std::printf("Message-ID:   %s\n", e.message_id.c_str());
    std::vector<std::string> attachments;
    for (const auto& a : e.attachments) {
        attachments.push_back(fmt::format("{} ({}, {} bytes, sha256 {})", a.name, a.type, a.size, a.sha256));
    }
    std::printf("Attachments:  %s\n", attachments.empty() ? "none" : joined(attachments).c_str());
    std::vector<std::string> pupils;
    for (const auto& s : e.students) pupils.push_back(s.upn + " (" + std::string(archive::basis_name(s.basis)) + ")");
    std::printf("Filed to:     %s\n", pupils.empty() ? "no pupil (contact not on the roster)" : joined(pupils).c_str());
    std::printf("\n");
    auto parsed = pii::MimeMessage::parse(message->raw);
    std::string text = parsed ? archive::message_text(*parsed, config->limits) : std::string();
    std::printf("%s\n", text.empty() ? "(no readable text in this message)" : text.c_str());
    return kExitOk;
}

int run_export(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "student", "contact", "from", "to", "format", "out"}, {});
    if (!args.ok()) return usage_error(args.error());
    if (!args.require({"format", "out"})) return usage_error(args.error());
    archive::ExportFormat format;
    if (!archive::parse_export_format(args.value("format"), format)) {
        return usage_error("--format: expected mbox, eml-zip or pdf, got '" + args.value("format") + "'");
    }
    archive::EntryQuery query;
    if (int rc = build_query(args, query); rc >= 0) return rc;
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::reader);
    if (!store) return kExitError;
    archive::Actor actor = archive::current_os_actor();
    auto entries = store->casefiles().list_entries(query, actor);
    if (!entries) return status_error(entries.status());

    archive::ExportHeading heading;
    heading.school = config->school.name;
    heading.printed_by = actor.name;
    auto roster = store->roster().load_roster();
    if (roster) {
        for (const auto& p : roster->pupils) heading.pupil_names[p.upn] = p.forename + " " + p.surname;
    }
    if (!query.student_upn.empty()) {
        auto it = heading.pupil_names.find(query.student_upn);
        heading.subject = it == heading.pupil_names.end() ? query.student_upn
                                                          : it->second + " (" + query.student_upn + ")";
    } else {
        heading.subject = "correspondence with " + query.contact_email;
    }
    auto exporter = archive::make_exporter(format, args.value("out"), heading, config->limits);
    if (!exporter) return status_error(exporter.status());

    json ids = json::array();
    for (const auto& e : *entries) ids.push_back(e.id);
    json details = {{"format", args.value("format")}, {"entries", ids}};
    std::string target = query.student_upn.empty() ? "contact" : "student " + query.student_upn;
    Status s = store->casefiles().read_entries(*entries, actor, archive::AuditEvent{"archive.export", target, dump(details, -1)},
                                               [&](const EntrySummary& e, std::string_view raw) {
                                                   return (*exporter)->add(e, raw);
                                               });
    if (!s) return status_error(s);
    if (auto f = (*exporter)->finish(); !f) return status_error(f);
    std::printf("exported %zu entries to %s\n", entries->size(), args.value("out").c_str());
    return kExitOk;
}

int run_purge(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"dry-run", "json"});
    if (!args.ok()) return usage_error(args.error());
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto due = store->casefiles().purge_candidates(archive::now_utc(), config->archive.retention_years_after_dob);
    if (!due) return status_error(due.status());
    for (const auto& c : *due) {
        std::printf("%s entry %lld  sent %s  pupils %s  retained until %s\n",
                    args.flag("dry-run") ? "would purge" : "purging", static_cast<long long>(c.id),
                    archive::format_human(c.sent_at).c_str(), joined(c.upns).c_str(), c.retain_until.c_str());
    }
    if (args.flag("dry-run")) {
        std::printf("%zu entries past retention (dob + %d years); nothing changed (dry run)\n", due->size(),
                    config->archive.retention_years_after_dob);
        return kExitOk;
    }
    auto purged = store->casefiles().purge(*due, archive::current_os_actor());
    if (!purged) return status_error(purged.status());
    std::printf("purged %zu entries\n", *purged);
    return kExitOk;
}

int run_fsck(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"remove-orphans"});
    if (!args.ok()) return usage_error(args.error());
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto report = store->fsck(args.flag("remove-orphans"), kOrphanMinAge);
    if (!report) return status_error(report.status());
    for (const auto& p : report->orphan_blobs) std::printf("orphan blob (no entry refers to it): %s\n", p.c_str());
    for (const auto& p : report->stale_temp_files) std::printf("leftover temp file: %s\n", p.c_str());
    for (const auto& p : report->missing_blobs) std::printf("MISSING blob of %s\n", p.c_str());
    if (args.flag("remove-orphans")) std::printf("removed %zu files older than 1 hour\n", report->removed);
    if (report->clean()) std::printf("archive store consistent\n");
    return report->missing_blobs.empty() && (report->clean() || args.flag("remove-orphans")) ? kExitOk : kExitFound;
}

int run_archive(const std::vector<std::string>& argv) {
    return run_subcommand("archive", argv,
                          {{"students", run_students}, {"list", run_list}, {"show", run_show}, {"export", run_export},
                           {"purge", run_purge}, {"fsck", run_fsck}});
}

const CommandRegistration reg("archive", "pupils' case files of parent correspondence (students, list, show, export, purge, fsck)",
                              run_archive);

}  // namespace
}  // namespace chaperone::cli
