// Engine snapshot construction; see engine_builder.h.
#include "milter/engine_builder.h"

#include "policies/decision/engine_factory.h"

namespace chaperone::milter {

Result<std::shared_ptr<const EngineSnapshot>> build_engine_snapshot(std::shared_ptr<const policies::Config> config) {
    auto snapshot = std::make_shared<EngineSnapshot>();
    snapshot->config = config;
    snapshot->policy = policies::make_policy_engine(config, nullptr);
    return std::shared_ptr<const EngineSnapshot>(std::move(snapshot));
}

}  // namespace chaperone::milter
