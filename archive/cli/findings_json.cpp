// JSON for findings; see findings_json.h.
#include "archive/cli/findings_json.h"

namespace chaperone::cli {

nlohmann::ordered_json finding_json(const pii::Finding& f) {
    nlohmann::ordered_json out = {{"kind", std::string(pii::kind_name(f.kind))},
                                  {"text", f.text},
                                  {"start", f.start},
                                  {"end", f.end},
                                  {"where", f.where},
                                  {"confidence", f.confidence}};
    if (!f.pupil_upns.empty()) out["pupils"] = f.pupil_upns;  // the roster pupils it concerns
    return out;
}

nlohmann::ordered_json findings_json(const std::vector<pii::Finding>& findings) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& f : findings) out.push_back(finding_json(f));
    return out;
}

nlohmann::ordered_json attachments_json(const std::vector<pii::AttachmentReport>& attachments) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& a : attachments) {
        out.push_back({{"name", a.name},
                       {"content_type", a.content_type},
                       {"detected_type", a.detected_type},
                       {"size", a.size},
                       {"protection", pii::protection_name(a.protection)},
                       {"detail", a.detail},
                       {"depth", a.depth}});
    }
    return out;
}

nlohmann::ordered_json limits_json(const std::vector<pii::LimitHit>& limits) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& l : limits) out.push_back({{"where", l.where}, {"limit", l.limit}, {"detail", l.detail}});
    return out;
}

}  // namespace chaperone::cli
