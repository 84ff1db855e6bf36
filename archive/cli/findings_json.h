// JSON shapes shared by `chaperone scan` and `chaperone check` (DESIGN.md contracts):
// a finding is {"kind","text","start","end","where"} plus "confidence" and, when the roster
// ties it to pupils, "pupils" (UPNs); an attachment is
// {"name","content_type","detected_type","size","protection","detail","depth"}; a limit hit
// is {"where","limit","detail"}. Keys come out in that order (ordered_json), so a reader
// sees the contract's shape; a plain nlohmann::json built from them sorts them again.
#pragma once

#include <nlohmann/json.hpp>

#include "pii/scanner.h"

namespace chaperone::cli {

nlohmann::ordered_json finding_json(const pii::Finding& finding);
nlohmann::ordered_json findings_json(const std::vector<pii::Finding>& findings);
nlohmann::ordered_json attachments_json(const std::vector<pii::AttachmentReport>& attachments);
nlohmann::ordered_json limits_json(const std::vector<pii::LimitHit>& limits);

}  // namespace chaperone::cli
