// Builds the EngineSnapshot the milter decides with: the config, the roster from the store
// (when one was imported) and the policy engine made from both. Used at start and on every
// roster reload (roster_watcher.h).
#pragma once

#include <memory>

#include "milter/engine.h"
#include "pii/base/result.h"

namespace chaperone::milter {

// `store` may be null (unit tests): no roster, no quarantine, no case files, no counts.
// `counts`: the batch of the snapshot this one replaces (a roster reload), so no count is
// lost; null at start (a new batch is made).
Result<std::shared_ptr<const EngineSnapshot>> build_engine_snapshot(std::shared_ptr<const policies::Config> config,
                                                                    std::shared_ptr<archive::Store> store = nullptr,
                                                                    std::shared_ptr<archive::CounterBatch> counts = nullptr);

}  // namespace chaperone::milter
