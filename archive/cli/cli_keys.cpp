// `chaperone keys init --config C`: generates the archive key pair and the chain key.
//
// Which process needs which file (see archive/crypto/key_files.h):
//   archive.pub  the milter (seals stored messages to it) and any reader
//   archive.key  only the CLI / web console that read messages (mode 0600, owner = runner)
//   chain.key    every process that appends records (milter, CLI) and `audit verify`
#include <cstdio>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/crypto/key_files.h"

namespace chaperone::cli {
namespace {

int run_keys(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] != "init") return usage_error("keys: expected 'keys init --config FILE'");
    ArgParser args({argv.begin() + 1, argv.end()}, {"config"}, {});
    if (!args.ok()) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("keys init: unexpected argument '" + args.positional()[0] + "'");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto paths = archive::crypto::key_paths(config->storage);
    if (auto s = archive::crypto::generate_key_files(paths); !s) return status_error(s);
    std::printf("archive public key  %s  (milter and readers: seals stored messages)\n", paths.public_key.c_str());
    std::printf("archive secret key  %s  (CLI / web console only: reads stored messages; keep 0600)\n",
                paths.secret_key.c_str());
    std::printf("chain key           %s  (milter and CLI: appends to and verifies the audit chain; keep 0600)\n",
                paths.chain_key.c_str());
    return kExitOk;
}

const CommandRegistration reg("keys", "generate the archive keys (keys init)", run_keys);

}  // namespace
}  // namespace chaperone::cli
