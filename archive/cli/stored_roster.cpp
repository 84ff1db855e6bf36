// Loading the stored roster for a CLI command; see stored_roster.h.
#include "archive/cli/stored_roster.h"

#include "archive/cli/cli_store.h"

namespace chaperone::cli {

std::optional<StoredRoster> load_stored_roster(const policies::Config& config) {
    auto store = open_cli_store(config, archive::StoreRole::admin);
    if (!store) return std::nullopt;
    auto version = store->roster().roster_version();
    if (!version) {
        status_error(version.status());
        return std::nullopt;
    }
    auto loaded = store->roster().load_roster();
    if (!loaded) {
        status_error(loaded.status());
        return std::nullopt;
    }
    StoredRoster out;
    out.version = *version;
    // As the milter's engine builder does: an empty roster is no roster.
    if (!loaded->pupils.empty()) out.roster = std::make_shared<const pii::Roster>(std::move(loaded).value());
    return out;
}

}  // namespace chaperone::cli
