// Loading the config for a CLI command, with the one-line error contract of exit code 2.
#pragma once

#include <memory>

#include "archive/cli/arg_parser.h"
#include "policies/config/config.h"

namespace chaperone::cli {

// Loads --config; on failure prints every problem on stderr and returns nullptr
// (the caller returns kExitError).
std::shared_ptr<const policies::Config> load_cli_config(const ArgParser& args);

}  // namespace chaperone::cli
