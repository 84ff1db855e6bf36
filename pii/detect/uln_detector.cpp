// uln: Unique Learner Number, 10 digits passing the Learning Records Service modulus-11
// rule (checksums.h). About 9% of random numbers pass; it fires only with ULN context
// ("ULN", "unique learner number", a ULN table column), never on a checksum alone.
#include "pii/detect/checksums.h"
#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"

namespace chaperone::pii {
namespace {

const WordList kUlnWords = {"uln", "unique learner number", "learner number", "learner no", "learner ref"};

class UlnDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::uln; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        for (const NumberCandidate& c : in.analysis.numbers()) {
            if (c.shape != NumberShape::digits || c.international || c.area_code_in_parens) continue;
            if (c.groups.size() != 1 || !is_valid_uln(c.compact)) continue;
            if (has_keyword_context(text, c.start, c.end, kUlnWords)) {
                out.push_back(make_finding(in, PiiKind::uln, c.start, c.end, 0.9, "ULN with ULN context"));
            }
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_uln_detector() { return std::make_unique<UlnDetector>(); }

}  // namespace chaperone::pii
