// postcode: valid UK postcodes (full format rules, uk_postcode.h) of homes.
//
// Not findings: the school's own postcode (ScanContext::school_address), a postcode in a
// business address block (Ltd, Unit, Industrial Estate ...), a postcode in the sender's
// own signature block. A roster postcode shared by one household ties the finding to
// its pupils; a postcode shared by several households ties it to no one.
#include <set>

#include "pii/detect/detector.h"
#include "pii/detect/place_context.h"

namespace chaperone::pii {
namespace {

class PostcodeDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::postcode; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const auto& candidates = in.analysis.places().postcodes;
        if (candidates.empty()) return;
        const SchoolPlace school(in.context.school_address);
        for (const PostcodeCandidate& c : candidates) {
            if (school.has_postcode(c.compact)) continue;
            std::span<const std::uint32_t> pupils;
            if (in.roster) pupils = in.roster->pupils_at_postcode(c.compact);
            if (pupils.empty()) {
                if (has_business_context(in.text(), c.start)) continue;
                if (const SignatureBlock* sig = in.analysis.regions().signature_at(c.start); sig && sig->outer) continue;
                out.push_back(make_finding(in, PiiKind::postcode, c.start, c.end, 0.85, "UK postcode"));
                continue;
            }
            Finding f = make_finding(in, PiiKind::postcode, c.start, c.end, 0.95, "roster postcode");
            std::set<std::string> households;
            for (const std::uint32_t i : pupils) households.insert(in.roster->roster().pupils[i].address_line1);
            if (households.size() == 1) {
                f.subject = Subject::pupil;
                for (const std::uint32_t i : pupils) f.pupil_upns.push_back(in.roster->roster().pupils[i].upn);
            }
            out.push_back(std::move(f));
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_postcode_detector() { return std::make_unique<PostcodeDetector>(); }

}  // namespace chaperone::pii
