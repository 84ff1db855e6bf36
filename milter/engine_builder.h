// Builds the EngineSnapshot the milter decides with: the config, the roster from the store
// (when one was imported) and the policy engine made from both. Used at start and on every
// roster reload (roster_watcher.h).
#pragma once

#include <memory>

#include "milter/engine.h"
#include "pii/base/result.h"

namespace chaperone::milter {

// `store` may be null (unit tests): no roster, no quarantine, no case files.
Result<std::shared_ptr<const EngineSnapshot>> build_engine_snapshot(std::shared_ptr<const policies::Config> config,
                                                                    std::shared_ptr<archive::Store> store = nullptr);

}  // namespace chaperone::milter
