// `chaperone`: the admin CLI. Dispatches to the command groups registered in this folder.
#include <cstdio>
#include <string>
#include <vector>

#include "archive/cli/command.h"

namespace chaperone::cli {
namespace {
std::vector<CommandInfo>& commands() {
    static std::vector<CommandInfo> list;
    return list;
}
}  // namespace

CommandRegistration::CommandRegistration(std::string name, std::string summary, CommandFn run) {
    commands().push_back({std::move(name), std::move(summary), run});
}

const std::vector<CommandInfo>& registered_commands() { return commands(); }

int run_subcommand(const std::string& group, const std::vector<std::string>& argv, const std::vector<Subcommand>& subs) {
    std::string names, listed;  // "a, b or c" and "a, b, c"
    for (std::size_t i = 0; i < subs.size(); ++i) {
        names += (i == 0 ? "" : i + 1 == subs.size() ? " or " : ", ") + std::string(subs[i].name);
        listed += (i == 0 ? "" : ", ") + std::string(subs[i].name);
    }
    if (argv.empty() || argv[0].rfind("-", 0) == 0) return usage_error(group + ": expected " + names);
    for (const auto& sub : subs) {
        if (argv[0] == sub.name) return sub.run({argv.begin() + 1, argv.end()});
    }
    return usage_error(group + ": unknown subcommand '" + argv[0] + "' (" + listed + ")");
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "chaperone: %s (see 'chaperone help')\n", message.c_str());
    return kExitError;
}

int input_error(const std::string& message) {
    std::fprintf(stderr, "chaperone: %s\n", message.c_str());
    return kExitError;
}

static int print_help() {
    std::printf("usage: chaperone COMMAND [options]\n\ncommands:\n");
    for (const auto& c : registered_commands()) std::printf("  %-12s %s\n", c.name.c_str(), c.summary.c_str());
    std::printf("\nEvery command takes --config FILE. Exit codes: 0 ok, 1 finding/violation, 2 usage or input error.\n");
    return kExitOk;
}

}  // namespace chaperone::cli

int main(int argc, char** argv) {
    using namespace chaperone::cli;
    if (argc < 2) return usage_error("missing command");
    std::string name = argv[1];
    if (name == "help" || name == "--help" || name == "-h") return print_help();
    std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& c : registered_commands()) {
        if (c.name == name) return c.run(args);
    }
    return usage_error("unknown command '" + name + "'");
}
