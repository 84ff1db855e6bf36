// `chaperone audit verify|log`: check the hash chain; print the audit log.
//
//   chaperone audit verify --config C     exit 0 intact, 1 names the first bad record
//   chaperone audit log --config C [--json] [--after ID] [--limit N]
#include <cstdio>

#include <nlohmann/json.hpp>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"

namespace chaperone::cli {
namespace {

int run_verify(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto report = store->audit().verify_chain();
    if (!report) return status_error(report.status());
    if (args.flag("json")) {
        nlohmann::json j = {{"ok", report->ok},
                            {"records", report->records},
                            {"casefile_entries", report->casefile_entries},
                            {"audit_records", report->audit_records},
                            {"purged_entries", report->purged_entries}};
        if (report->ok) j["head"] = report->head_link_hex;
        else j["problem"] = report->first_problem;
        std::printf("%s\n", j.dump().c_str());
    } else if (report->ok) {
        std::printf("audit chain intact: %lld records (%lld case-file entries, %lld purged; %lld audit records); head %s\n",
                    static_cast<long long>(report->records), static_cast<long long>(report->casefile_entries),
                    static_cast<long long>(report->purged_entries), static_cast<long long>(report->audit_records),
                    report->head_link_hex.c_str());
    }
    if (!report->ok) {
        std::fprintf(stderr, "chaperone: audit chain broken: %s\n", report->first_problem.c_str());
        return kExitFound;
    }
    return kExitOk;
}

int run_log(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "after", "limit"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    long long after = 0, limit = 100000;
    try {
        after = std::stoll(args.value("after", "0"));
        limit = std::stoll(args.value("limit", "100000"));
    } catch (...) {
        return usage_error("--after and --limit take numbers");
    }
    if (limit <= 0) return usage_error("--limit must be positive");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto records = store->audit().list(after, static_cast<std::size_t>(limit));
    if (!records) return status_error(records.status());
    if (args.flag("json")) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : *records) {
            out.push_back({{"id", r.id},
                           {"at", archive::format_iso8601(r.at)},
                           {"actor", r.actor},
                           {"channel", r.channel},
                           {"os_user", r.os_user},
                           {"action", r.action},
                           {"target", r.target},
                           {"details", nlohmann::json::parse(r.details, nullptr, false)}});
        }
        std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return kExitOk;
    }
    for (const auto& r : *records) {
        std::printf("%6lld  %s  %-12s %-4s %-18s %-26s %s\n", static_cast<long long>(r.id),
                    archive::format_iso8601(r.at).c_str(), r.actor.c_str(), r.channel.c_str(), r.action.c_str(),
                    r.target.c_str(), r.details.c_str());
    }
    return kExitOk;
}

int run_audit(const std::vector<std::string>& argv) {
    return run_subcommand("audit", argv, {{"verify", run_verify}, {"log", run_log}});
}

const CommandRegistration reg("audit", "verify the tamper-evident chain; print the audit log (verify, log)", run_audit);

}  // namespace
}  // namespace chaperone::cli
