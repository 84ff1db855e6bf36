// JSON shapes shared by `chaperone scan` and `chaperone check` (DESIGN.md contracts):
// a finding is {"kind","text","start","end","where"} plus "confidence" and, when the roster
// ties it to pupils, "pupils" (UPNs); an attachment is
// {"name","content_type","detected_type","size","protection","detail","depth"}; a limit hit
// is {"where","limit","detail"}.
#pragma once

#include <nlohmann/json.hpp>

#include "pii/scanner.h"

namespace chaperone::cli {

nlohmann::json finding_json(const pii::Finding& finding);
nlohmann::json findings_json(const std::vector<pii::Finding>& findings);
nlohmann::json attachments_json(const std::vector<pii::AttachmentReport>& attachments);
nlohmann::json limits_json(const std::vector<pii::LimitHit>& limits);

}  // namespace chaperone::cli
