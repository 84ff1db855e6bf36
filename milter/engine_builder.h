// Builds the EngineSnapshot the milter decides with, from a loaded config (and, when the
// store holds one, the roster). Used at start and on every roster reload.
#pragma once

#include <memory>

#include "milter/engine.h"
#include "pii/base/result.h"

namespace chaperone::milter {

Result<std::shared_ptr<const EngineSnapshot>> build_engine_snapshot(std::shared_ptr<const policies::Config> config);

}  // namespace chaperone::milter
