// Running the enabled detectors; see detector_set.h.
#include "pii/detect/detector_set.h"

#include <algorithm>

namespace chaperone::pii {
namespace {

constexpr PiiKind kAllKinds[] = {PiiKind::person_name, PiiKind::email, PiiKind::dob, PiiKind::address,
                                 PiiKind::postcode, PiiKind::upn, PiiKind::uln, PiiKind::nhs_number,
                                 PiiKind::nino, PiiKind::phone};

bool is_number_kind(PiiKind k) {
    return k == PiiKind::phone || k == PiiKind::nhs_number || k == PiiKind::uln || k == PiiKind::upn ||
           k == PiiKind::nino || k == PiiKind::dob;
}

bool overlaps(const Finding& a, const Finding& b) { return a.start < b.end && b.start < a.end; }

// Does `a` win over `b` when they overlap?
bool beats(const Finding& a, const Finding& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.end - a.start > b.end - b.start;
}

}  // namespace

DetectorSet::DetectorSet(DetectorSetOptions options, std::shared_ptr<const RosterIndex> roster)
    : options_(std::move(options)), roster_(std::move(roster)) {
    for (PiiKind kind : kAllKinds) {  // person names first: later detectors read them
        const bool enabled = options_.kinds.empty() ||
                             std::find(options_.kinds.begin(), options_.kinds.end(), kind) != options_.kinds.end();
        if (enabled) detectors_.push_back(make_detector(kind));
    }
}

DetectorSet::~DetectorSet() = default;

std::vector<Finding> DetectorSet::run(std::string_view text, std::string_view where, const ScanContext& context) const {
    const TextAnalysis analysis(text, context, roster_.get(), options_.today.value_or(today_utc()));
    std::vector<Finding> findings;
    std::vector<Finding> names;  // person names above the threshold, in order, for "a name nearby"
    for (const auto& detector : detectors_) {
        const DetectorInput input{analysis, context, roster_.get(), where, names};
        const std::size_t before = findings.size();
        detector->detect(input, findings);
        if (detector->kind() == PiiKind::person_name) {
            for (std::size_t i = before; i < findings.size(); ++i) {
                if (findings[i].confidence >= options_.min_confidence) names.push_back(findings[i]);
            }
            std::sort(names.begin(), names.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
        }
    }
    return merge_findings(std::move(findings), options_.min_confidence);
}

std::vector<Finding> merge_findings(std::vector<Finding> findings, double min_confidence) {
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& f) { return f.confidence < min_confidence || f.end <= f.start; }),
                   findings.end());
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::vector<bool> dropped(findings.size(), false);
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (dropped[i]) continue;
        for (std::size_t j = i + 1; j < findings.size() && findings[j].start < findings[i].end; ++j) {
            if (dropped[j]) continue;
            Finding& a = findings[i];
            Finding& b = findings[j];
            if (!overlaps(a, b)) continue;
            std::size_t loser = findings.size();
            if (a.kind == b.kind || (is_number_kind(a.kind) && is_number_kind(b.kind))) {
                loser = beats(a, b) ? j : i;
            } else if (a.kind == PiiKind::person_name &&
                       (b.kind == PiiKind::email || b.kind == PiiKind::address || b.kind == PiiKind::postcode)) {
                loser = i;
            } else if (b.kind == PiiKind::person_name &&
                       (a.kind == PiiKind::email || a.kind == PiiKind::address || a.kind == PiiKind::postcode)) {
                loser = j;
            }
            if (loser == findings.size()) continue;
            dropped[loser] = true;
            if (loser == i) break;
        }
    }
    std::vector<Finding> out;
    out.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (!dropped[i]) out.push_back(std::move(findings[i]));
    }
    return out;
}

}  // namespace chaperone::pii
