// How `chaperone` subcommands plug into the CLI.
//
// Each command group lives in its own file and registers itself once:
//     static const CommandRegistration reg("roster", "import and inspect the roster", run_roster);
// main.cpp dispatches on the first argument. A command returns the process exit code:
// 0 success, 1 a finding / violation where the command reports one, 2 usage or input error
// (after printing one clear line on stderr via usage_error()/input_error()).
#pragma once

#include <string>
#include <vector>

namespace chaperone::cli {

constexpr int kExitOk = 0;
constexpr int kExitFound = 1;
constexpr int kExitError = 2;

using CommandFn = int (*)(const std::vector<std::string>& args);  // args after the command name

struct CommandInfo {
    std::string name;
    std::string summary;
    CommandFn run;
};

struct CommandRegistration {
    CommandRegistration(std::string name, std::string summary, CommandFn run);
};

const std::vector<CommandInfo>& registered_commands();

// A command group's subcommands ("archive list", "archive show", ...): runs the one argv[0]
// names with the arguments after it. A missing one (or an option where it should be) and an
// unknown one are usage errors that list the subcommands.
struct Subcommand {
    const char* name;
    CommandFn run;
};
int run_subcommand(const std::string& group, const std::vector<std::string>& argv, const std::vector<Subcommand>& subs);

// Prints "chaperone: <message>" on stderr and returns kExitError.
int usage_error(const std::string& message);
int input_error(const std::string& message);

}  // namespace chaperone::cli
