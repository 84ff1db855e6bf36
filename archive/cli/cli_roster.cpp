// `chaperone roster import|show`: load the school's roster from MIS CSV exports.
//
//   chaperone roster import --config C --students S.csv --contacts C.csv [--staff T.csv]
//   chaperone roster show --config C [--json]
// An import with any problem prints every problem ("file:line: what") and changes nothing
// (exit 2); a good one replaces the roster in one transaction and bumps its version.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "archive/audit/actor.h"
#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/roster/roster_importer.h"

namespace chaperone::cli {
namespace {

int run_import(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "students", "contacts", "staff"}, {});
    if (!args.ok()) return usage_error(args.error());
    if (!args.require({"students", "contacts"})) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("roster import: unexpected argument '" + args.positional()[0] + "'");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    archive::roster::RosterFiles files{args.value("students"), args.value("contacts"), args.value("staff")};
    auto outcome = archive::roster::import_roster_files(files, config->roster);
    if (!outcome.ok()) {
        for (const auto& p : outcome.problems) std::fprintf(stderr, "%s\n", p.c_str());
        if (outcome.problems_not_shown) std::fprintf(stderr, "... and %zu more problems\n", outcome.problems_not_shown);
        std::fprintf(stderr, "chaperone: roster import refused: %zu problem(s); the roster in use is unchanged\n",
                     outcome.problems.size() + outcome.problems_not_shown);
        return kExitError;
    }
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto version = store->roster().replace_roster(outcome.roster, archive::current_os_actor());
    if (!version) return input_error("roster import: " + version.error_message());
    std::printf("roster version %llu: %zu pupils, %zu contacts, %zu staff\n",
                static_cast<unsigned long long>(*version), outcome.roster.pupils.size(),
                outcome.roster.contacts.size(), outcome.roster.staff.size());
    return kExitOk;
}

int run_show(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto info = store->roster().roster_info();
    if (!info) return status_error(info.status());
    if (args.flag("json")) {
        nlohmann::json j = {{"version", info->version}, {"imported_at", info->imported_at}, {"pupils", info->pupils},
                            {"contacts", info->contacts}, {"staff", info->staff}};
        std::printf("%s\n", j.dump().c_str());
    } else if (info->version == 0) {
        std::printf("no roster imported yet\n");
    } else {
        std::printf("roster version %llu, imported %s: %zu pupils, %zu contacts, %zu staff\n",
                    static_cast<unsigned long long>(info->version), info->imported_at.c_str(), info->pupils,
                    info->contacts, info->staff);
    }
    return kExitOk;
}

int run_roster(const std::vector<std::string>& argv) {
    return run_subcommand("roster", argv, {{"import", run_import}, {"show", run_show}});
}

const CommandRegistration reg("roster", "import and inspect the roster (import, show)", run_roster);

}  // namespace
}  // namespace chaperone::cli
