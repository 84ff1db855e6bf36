// Engine snapshot construction; see engine_builder.h.
#include "milter/engine_builder.h"

#include "pii/base/log.h"
#include "policies/decision/engine_factory.h"

namespace chaperone::milter {

Result<std::shared_ptr<const EngineSnapshot>> build_engine_snapshot(std::shared_ptr<const policies::Config> config,
                                                                    std::shared_ptr<archive::Store> store,
                                                                    std::shared_ptr<archive::CounterBatch> counts) {
    auto snapshot = std::make_shared<EngineSnapshot>();
    snapshot->config = config;
    snapshot->store = store;
    if (store) snapshot->counts = counts ? std::move(counts) : std::make_shared<archive::CounterBatch>();
    std::shared_ptr<const pii::Roster> roster;
    if (store) {
        // Version first: a roster imported while we load is picked up by the next check.
        auto version = store->roster().roster_version();
        if (!version) return version.status().with_context("reading the roster version");
        auto loaded = store->roster().load_roster();
        if (!loaded) return loaded.status().with_context("loading the roster");
        snapshot->roster_version = *version;
        if (!loaded->pupils.empty()) roster = std::make_shared<const pii::Roster>(std::move(loaded).value());
    }
    snapshot->policy = policies::make_policy_engine(config, roster);
    return std::shared_ptr<const EngineSnapshot>(std::move(snapshot));
}

}  // namespace chaperone::milter
