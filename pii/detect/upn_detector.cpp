// upn: Unique Pupil Number, permanent (B801200005001) or temporary (X00180001701A), with
// a correct check letter and a real English LA code in characters 2-4.
//
// A roster pupil's UPN always fires and names the pupil. Otherwise the checksum and LA
// code are not enough (about 4% of letter+12-digit strings pass the check letter): it
// needs "UPN" / "pupil number" context, or a person's name on the same line without
// reference-number wording before it.
#include "pii/detect/checksums.h"
#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"

namespace chaperone::pii {
namespace {

const WordList kUpnWords = {"upn", "unique pupil number", "pupil number", "pupil no", "pupil ref", "pupil id",
                                "former upn", "temporary upn"};

class UpnDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::upn; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        for (const NumberCandidate& c : in.analysis.numbers()) {
            if (c.shape != NumberShape::upn || !is_valid_upn(c.compact)) continue;
            if (in.roster) {
                if (const Pupil* p = in.roster->pupil(c.compact)) {
                    Finding f = make_finding(in, PiiKind::upn, c.start, c.end, 0.97, "roster pupil UPN");
                    f.subject = Subject::pupil;
                    f.pupil_upns = {p->upn};
                    out.push_back(std::move(f));
                    continue;
                }
            }
            if (has_keyword_context(text, c.start, c.end, kUpnWords)) {
                out.push_back(make_finding(in, PiiKind::upn, c.start, c.end, 0.9, "UPN with UPN context"));
                continue;
            }
            if (has_reference_context(text, c.start)) continue;
            if (name_nearby(in.earlier, text, c.start, c.end)) {
                out.push_back(make_finding(in, PiiKind::upn, c.start, c.end, 0.65, "valid UPN next to a name"));
            }
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_upn_detector() { return std::make_unique<UpnDetector>(); }

}  // namespace chaperone::pii
