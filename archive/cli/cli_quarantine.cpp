// `chaperone quarantine`: the DPO's review queue.
//
//   chaperone quarantine list    --config C [--state held|releasing|released|discarded|all] [--limit N] [--json]
//   chaperone quarantine show    --config C ID [--json]           (needs the secret key)
//   chaperone quarantine release --config C ID --reason TEXT [--force-stuck]   (needs the secret key)
//   chaperone quarantine discard --config C ID --reason TEXT
//   chaperone quarantine expire  --config C [--dry-run] [--json]
//
// list prints newest first; --json is an array of {id, date, from, to, subject, rules, state,
// notice, pupils, findings, attachments}. show prints the metadata, each finding with a short
// redacted context ("... born on [dob] in ..."), and the message's text. release sends the
// held message to [release] relay exactly once (archive/quarantine/release.h); discard keeps
// the record and deletes the message; both need --reason, and every one of these commands
// is recorded in the audit log with who ($SUDO_USER or the OS user), when and why.
// expire deletes held messages older than [quarantine] retention_days (the audit record
// stays), lists those that expire within expiry_report_days, and mails that report to
// [quarantine] dpo_address when it is set.
//
// Exit codes: 0 done; 2 with one line on stderr for a usage error, an unknown id, a message
// not in a state that allows it ("already released"), a relay that refused it, a locked
// database or a missing key file.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/audit/actor.h"
#include "archive/casefile/message_text.h"
#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/notice/notice.h"
#include "archive/quarantine/redacted_context.h"
#include "archive/quarantine/release.h"
#include "archive/quarantine/released_filing.h"
#include "pii/extract/message_extractor.h"

namespace chaperone::cli {
namespace {

using nlohmann::json;
using archive::QuarantineEntry;
using archive::QuarantineState;

constexpr std::size_t kDefaultListLimit = 1000;
constexpr std::size_t kMaxListLimit = 100'000;
// Orphan sealed files (a crash between blob and commit) are removed only when this old.
constexpr std::chrono::hours kOrphanMinAge{1};

bool parse_id(const std::vector<std::string>& positional, archive::QuarantineId& id, std::string& error) {
    if (positional.size() != 1) {
        error = "expected exactly one quarantine ID";
        return false;
    }
    const std::string& text = positional.front();
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        error = "'" + text + "' is not a quarantine ID (a number, as `quarantine list` shows)";
        return false;
    }
    id = std::stoll(text);
    return true;
}

json entry_json(const QuarantineEntry& e) {
    json rules = json::array(), reasons = json::array();
    for (const auto& r : e.rules) {
        rules.push_back(r.id);
        reasons.push_back({{"id", r.id}, {"action", r.action}, {"reason", r.reason}});
    }
    json attachments = json::array();
    for (const auto& a : e.attachments) {
        attachments.push_back({{"name", a.name}, {"content_type", a.content_type}, {"size", a.size}, {"protection", a.protection}});
    }
    json out = {{"id", e.id},
                {"date", archive::format_iso8601(e.held_at)},
                {"from", e.shown_from()},
                {"envelope_from", e.envelope_from},
                {"to", e.envelope_to},
                {"subject", e.subject},
                {"message_id", e.message_id},
                {"rules", rules},
                {"rule_details", reasons},
                {"state", std::string(archive::quarantine_state_name(e.state))},
                {"notice", std::string(archive::notice_state_name(e.notice))},
                {"pupils", e.pupil_upns},
                {"findings", e.findings.size()},
                {"attachments", attachments},
                {"size", e.message_size}};
    if (!e.notice_detail.empty()) out["notice_detail"] = e.notice_detail;
    if (e.decided_at) {
        out["decided_by"] = e.decided_by;
        out["decided_at"] = archive::format_iso8601(*e.decided_at);
        out["decision_reason"] = e.decision_reason;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out;
}

int run_list(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "state", "limit"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("quarantine list: unexpected argument '" + args.positional()[0] + "'");
    archive::QuarantineQuery query;
    std::string state = args.value("state", "all");
    if (state != "all") {
        QuarantineState s;
        if (!archive::parse_quarantine_state(state, s))
            return usage_error("--state: expected held, releasing, released, discarded or all, got '" + state + "'");
        query.states.push_back(s);
    }
    query.limit = kDefaultListLimit;
    if (args.has("limit")) {
        std::string limit = args.value("limit");
        if (limit.empty() || limit.size() > 6 || limit.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(limit) == 0 || std::stoul(limit) > kMaxListLimit)
            return usage_error(fmt::format("--limit: expected a number from 1 to {}, got '{}'", kMaxListLimit, limit));
        query.limit = std::stoul(limit);
    }
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto entries = store->quarantine().list(query, archive::current_os_actor());
    if (!entries) return status_error(entries.status());
    if (args.flag("json")) {
        json out = json::array();
        for (const auto& e : *entries) out.push_back(entry_json(e));
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
    }
    if (entries->empty()) {
        std::printf("no held messages\n");
        return kExitOk;
    }
    for (const auto& e : *entries) {
        std::printf("%-6lld %s  %-9s %s -> %s\n       subject: %s\n       rules: %s\n",
                    static_cast<long long>(e.id), archive::format_human(e.held_at).c_str(),
                    std::string(archive::quarantine_state_name(e.state)).c_str(), e.shown_from().c_str(),
                    joined(e.envelope_to).c_str(), e.subject.c_str(), joined(e.rule_ids()).c_str());
    }
    return kExitOk;
}

int run_show(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    archive::QuarantineId id = 0;
    std::string error;
    if (!parse_id(args.positional(), id, error)) return usage_error("quarantine show: " + error);
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::reader);
    if (!store) return kExitError;
    auto held = store->quarantine().read(id, archive::current_os_actor());
    if (!held) return status_error(held.status());

    // Context for findings comes from the text as extraction sees it (the offsets' frame).
    std::string text;
    std::vector<pii::TextSource> sources;
    if (!held->raw.empty()) {
        auto mime = pii::MimeMessage::parse(held->raw);
        if (mime) {
            text = archive::message_text(*mime, config->limits);
            pii::ExtractionLimits limits;
            limits.max_mime_parts = config->limits.max_mime_parts;
            limits.max_mime_depth = config->limits.max_mime_depth;
            limits.max_attachment_bytes = config->limits.max_attachment_bytes;
            limits.max_extracted_bytes = config->limits.max_extracted_bytes;
            limits.max_archive_depth = config->limits.max_archive_depth;
            limits.max_archive_entries = config->limits.max_archive_entries;
            limits.max_compression_ratio = config->limits.max_compression_ratio;
            limits.max_pdf_pages = config->limits.max_pdf_pages;
            sources = pii::extract_message(*mime, limits).texts;
        }
    }
    const QuarantineEntry& e = held->entry;
    json findings = json::array();
    for (const auto& f : e.findings) {
        std::vector<archive::QuarantineFinding> same;
        for (const auto& o : e.findings)
            if (o.where == f.where) same.push_back(o);
        std::string context = "(message no longer stored)";
        for (const auto& s : sources)
            if (s.where == f.where) context = archive::redacted_context(s.text, f, same);
        findings.push_back({{"kind", f.kind},
                            {"where", f.where},
                            {"start", f.start},
                            {"end", f.end},
                            {"confidence", f.confidence},
                            {"rules", f.rules},
                            {"context", context}});
    }
    if (args.flag("json")) {
        json out = entry_json(e);
        out["findings"] = findings;
        out["text"] = text;
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
    }
    std::printf("quarantine %lld: %s\n", static_cast<long long>(e.id), std::string(archive::quarantine_state_name(e.state)).c_str());
    std::printf("held:     %s\nfrom:     %s\nto:       %s\nsubject:  %s\n", archive::format_human(e.held_at).c_str(),
                e.shown_from().c_str(), joined(e.envelope_to).c_str(), e.subject.c_str());
    std::printf("notice:   %s%s%s\n", std::string(archive::notice_state_name(e.notice)).c_str(),
                e.notice_detail.empty() ? "" : " - ", e.notice_detail.c_str());
    if (e.decided_at) {
        std::printf("decided:  %s by %s: %s\n", archive::format_human(*e.decided_at).c_str(), e.decided_by.c_str(),
                    e.decision_reason.c_str());
    }
    if (!e.pupil_upns.empty()) std::printf("pupils:   %s\n", joined(e.pupil_upns).c_str());
    for (const auto& r : e.rules) std::printf("rule %s (%s): %s\n", r.id.c_str(), r.action.c_str(), r.reason.c_str());
    for (const auto& a : e.attachments)
        std::printf("attachment %s (%s, %llu bytes): %s\n", a.name.c_str(), a.content_type.c_str(),
                    static_cast<unsigned long long>(a.size), a.protection.c_str());
    for (const auto& f : findings) {
        std::printf("finding %s in %s [%llu,%llu) %.2f: %s\n", f["kind"].get<std::string>().c_str(),
                    f["where"].get<std::string>().c_str(), static_cast<unsigned long long>(f["start"].get<std::uint64_t>()),
                    static_cast<unsigned long long>(f["end"].get<std::uint64_t>()), f["confidence"].get<double>(),
                    f["context"].get<std::string>().c_str());
    }
    std::printf("\n--- text ---\n%s\n", held->raw.empty() ? "(the message was released or discarded and is no longer stored)"
                                                           : text.c_str());
    return kExitOk;
}

// --reason is required and must say something.
bool reason_of(const ArgParser& args, std::string& reason) {
    reason = args.value("reason");
    while (!reason.empty() && (reason.back() == ' ' || reason.back() == '\n')) reason.pop_back();
    return !reason.empty();
}

int run_release(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "reason"}, {"force-stuck"});
    if (!args.ok()) return usage_error(args.error());
    archive::QuarantineId id = 0;
    std::string error, reason;
    if (!parse_id(args.positional(), id, error)) return usage_error("quarantine release: " + error);
    if (!reason_of(args, reason)) return usage_error("quarantine release: --reason TEXT is required (why it may go out)");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::reader);
    if (!store) return kExitError;
    auto released = archive::release_held_message(store->quarantine(), *config, id, archive::current_os_actor(), reason,
                                                  args.flag("force-stuck"), archive::released_filing(*store, *config));
    if (!released) return status_error(released.status());
    switch (released->outcome) {
        case archive::ReleaseOutcome::sent:
            std::printf("released quarantine %lld: %s\n", static_cast<long long>(id), released->relay_reply.c_str());
            if (!released->after_sent_error.empty()) {
                // Sent all the same; the office must know the case file lacks it.
                std::fprintf(stderr, "chaperone: quarantine %lld was released but not filed: %s\n",
                             static_cast<long long>(id), released->after_sent_error.c_str());
            }
            return kExitOk;
        case archive::ReleaseOutcome::not_sent:
            return input_error(fmt::format("quarantine {} not released, still held: {}", id, released->relay_reply));
        case archive::ReleaseOutcome::unknown:
            return input_error(fmt::format(
                "quarantine {}: the relay may or may not have taken it ({}); it stays 'releasing' and is not sent "
                "again: check the relay's log for {}: {}, then discard it or use --force-stuck",
                id, released->relay_reply, archive::kReleasedHeader, id));
    }
    return kExitError;
}

int run_discard(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "reason"}, {});
    if (!args.ok()) return usage_error(args.error());
    archive::QuarantineId id = 0;
    std::string error, reason;
    if (!parse_id(args.positional(), id, error)) return usage_error("quarantine discard: " + error);
    if (!reason_of(args, reason)) return usage_error("quarantine discard: --reason TEXT is required (why it must not go out)");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    if (Status s = store->quarantine().discard(id, archive::current_os_actor(), reason); !s) return status_error(s);
    std::printf("discarded quarantine %lld\n", static_cast<long long>(id));
    return kExitOk;
}

std::string expiry_line(const archive::ExpiryItem& item) {
    return fmt::format("  {}  held {}  expires {}  {}  from {}  rules {}", item.id, archive::format_human(item.held_at),
                       archive::format_date(item.expires_at), archive::quarantine_state_name(item.state),
                       item.envelope_from, joined(item.rules));
}

int run_expire(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"dry-run", "json"});
    if (!args.ok()) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("quarantine expire: unexpected argument '" + args.positional()[0] + "'");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto& quarantine = store->quarantine();
    archive::Timestamp now = archive::now_utc();
    const auto& q = config->quarantine;
    auto expired = quarantine.expired(now, q.retention_days);
    if (!expired) return status_error(expired.status());
    auto expiring = quarantine.expiring(now, q.retention_days, q.expiry_report_days);
    if (!expiring) return status_error(expiring.status());
    bool dry_run = args.flag("dry-run");
    std::size_t deleted = 0;
    if (!dry_run) {
        auto n = quarantine.expire(*expired, archive::current_os_actor());
        if (!n) return status_error(n.status());
        deleted = *n;
    }
    auto orphans = quarantine.sweep_orphans(kOrphanMinAge, !dry_run);
    if (!orphans) return status_error(orphans.status());

    std::string report = fmt::format("Quarantine retention at {} (retention {} days):\n\n", archive::format_human(now),
                                     q.retention_days);
    report += fmt::format("{} {} held message(s) past retention{}\n", dry_run ? "Would delete" : "Deleted",
                          dry_run ? expired->size() : deleted, expired->empty() ? "." : ":");
    for (const auto& item : *expired) report += expiry_line(item) + "\n";
    report += fmt::format("\n{} held message(s) expire within {} days{}\n", expiring->size(), q.expiry_report_days,
                          expiring->empty() ? "." : " unless released or discarded first:");
    for (const auto& item : *expiring) report += expiry_line(item) + "\n";
    if (*orphans) report += fmt::format("\n{} orphaned sealed file(s) {}.\n", *orphans, dry_run ? "found" : "removed");

    std::string mailed = "not mailed (no [quarantine] dpo_address)";
    if (dry_run) {
        mailed = "not mailed (dry run)";
    } else if (!q.dpo_address.empty()) {
        std::string message = archive::compose_text_message(
            *config, q.dpo_address,
            fmt::format("Quarantine: {} expired, {} expiring within {} days", deleted, expiring->size(), q.expiry_report_days),
            report, "expiry-report");
        archive::NoticeResult sent = archive::send_text_message(*config, q.dpo_address, message);
        mailed = sent.sent ? "mailed to " + q.dpo_address : "mailing to " + q.dpo_address + " failed: " + sent.detail;
    }
    if (args.flag("json")) {
        auto items = [](const std::vector<archive::ExpiryItem>& list) {
            json out = json::array();
            for (const auto& i : list) {
                out.push_back({{"id", i.id}, {"date", archive::format_iso8601(i.held_at)},
                               {"expires", archive::format_iso8601(i.expires_at)},
                               {"state", std::string(archive::quarantine_state_name(i.state))}, {"rules", i.rules}});
            }
            return out;
        };
        json out = {{"dry_run", dry_run}, {"expired", items(*expired)}, {"deleted", deleted},
                    {"expiring", items(*expiring)}, {"orphans", *orphans}, {"report", mailed}};
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("%s\nreport %s\n", report.c_str(), mailed.c_str());
    }
    return kExitOk;
}

int run_quarantine(const std::vector<std::string>& argv) {
    return run_subcommand("quarantine", argv,
                          {{"list", run_list}, {"show", run_show}, {"release", run_release}, {"discard", run_discard},
                           {"expire", run_expire}});
}

const CommandRegistration reg("quarantine", "the DPO's review queue of held messages (list, show, release, discard, expire)",
                              run_quarantine);

}  // namespace
}  // namespace chaperone::cli
