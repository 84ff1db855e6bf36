// nino: National Insurance number, "QQ 12 34 56 C" in any spacing, with HMRC's prefix rules
// (checksums.h). With its suffix letter the shape is distinctive enough to fire on its own
// unless introduced as a reference number; without the suffix it needs NI context.
#include "pii/detect/checksums.h"
#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"

namespace chaperone::pii {
namespace {

const WordList kNinoWords = {"national insurance", "ni number", "ni no", "nino", "n.i.", "ni", "nat ins", "nin"};

class NinoDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::nino; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        for (const NumberCandidate& c : in.analysis.numbers()) {
            if (c.shape != NumberShape::nino || !is_valid_nino(c.compact)) continue;
            const bool suffix = c.compact.size() == 9;
            if (has_keyword_context(text, c.start, c.end, kNinoWords)) {
                out.push_back(make_finding(in, PiiKind::nino, c.start, c.end, 0.95, "NI number with NI context"));
                continue;
            }
            if (!suffix || has_reference_context(text, c.start)) continue;
            out.push_back(make_finding(in, PiiKind::nino, c.start, c.end, 0.8, "NI number"));
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_nino_detector() { return std::make_unique<NinoDetector>(); }

}  // namespace chaperone::pii
