// JSON for findings; see findings_json.h.
#include "archive/cli/findings_json.h"

namespace chaperone::cli {

nlohmann::json finding_json(const pii::Finding& f) {
    return {{"kind", std::string(pii::kind_name(f.kind))},
            {"text", f.text},
            {"start", f.start},
            {"end", f.end},
            {"where", f.where},
            {"confidence", f.confidence}};
}

nlohmann::json findings_json(const std::vector<pii::Finding>& findings) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings) out.push_back(finding_json(f));
    return out;
}

}  // namespace chaperone::cli
