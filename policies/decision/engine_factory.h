// Builds the PolicyEngine that the milter runs at end of message and that `chaperone check`
// runs offline, from the config and the roster, so both judge a message the same way.
#pragma once

#include <memory>

#include "pii/roster/roster.h"
#include "policies/decision/decision.h"

namespace chaperone::policies {

// `roster` may be null (no roster imported yet): roster-aware detectors then find nothing
// roster-specific, and the generic detectors still run.
std::shared_ptr<const PolicyEngine> make_policy_engine(std::shared_ptr<const Config> config,
                                                       std::shared_ptr<const pii::Roster> roster);

// The scanner settings of a config ([limits], [detectors]).
pii::ScanSettings scan_settings_for(const Config& config);

}  // namespace chaperone::policies
