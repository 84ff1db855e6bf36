// JSON shapes shared by `chaperone scan` and `chaperone check` (DESIGN.md contracts):
// a finding is {"kind","text","start","end","where"} plus "confidence".
#pragma once

#include <nlohmann/json.hpp>

#include "pii/scanner.h"

namespace chaperone::cli {

nlohmann::json finding_json(const pii::Finding& finding);
nlohmann::json findings_json(const std::vector<pii::Finding>& findings);

}  // namespace chaperone::cli
