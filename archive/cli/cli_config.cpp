// Config loading for CLI commands; see cli_config.h.
#include "archive/cli/cli_config.h"

#include <cstdio>

namespace chaperone::cli {

std::shared_ptr<const policies::Config> load_cli_config(const ArgParser& args) {
    if (!args.has("config")) {
        std::fprintf(stderr, "chaperone: missing --config FILE\n");
        return nullptr;
    }
    auto config = policies::load_config(args.value("config"));
    if (!config) {
        std::fprintf(stderr, "chaperone: %s\n", config.error_message().c_str());
        return nullptr;
    }
    return std::make_shared<const policies::Config>(std::move(config).value());
}

}  // namespace chaperone::cli
