// nhs_number: 10 digits (943 476 5919 or 9434765919) passing the NHS modulus-11 check.
//
// About 9% of random 10-digit numbers pass, so the check alone never fires: it needs
// "NHS" context (before it, just after it, or as its table column), or the NHS's own
// 3-3-4 grouping with a person's name on the same line. Order, invoice and reference
// numbers are ruled out by the words before them.
#include "pii/detect/checksums.h"
#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"

namespace chaperone::pii {
namespace {

const WordList kNhsWords = {"nhs", "nhs no", "nhs number", "health number", "health service number", "nhs#"};

bool is_nhs_grouping(const NumberCandidate& c) {
    if (c.groups.size() == 1) return c.groups[0].length() == 10;
    return c.groups.size() == 3 && c.groups[0].length() == 3 && c.groups[1].length() == 3 && c.groups[2].length() == 4;
}

class NhsNumberDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::nhs_number; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        for (const NumberCandidate& c : in.analysis.numbers()) {
            if (c.shape != NumberShape::digits || c.international || c.area_code_in_parens) continue;
            if (!is_nhs_grouping(c) || !is_valid_nhs_number(c.compact)) continue;
            if (has_keyword_context(text, c.start, c.end, kNhsWords)) {
                out.push_back(make_finding(in, PiiKind::nhs_number, c.start, c.end, 0.9, "NHS number with NHS context"));
                continue;
            }
            if (has_reference_context(text, c.start)) continue;
            if (c.groups.size() == 3 && name_nearby(in.earlier, text, c.start, c.end)) {
                out.push_back(make_finding(in, PiiKind::nhs_number, c.start, c.end, 0.6, "NHS-formatted number next to a name"));
            }
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_nhs_number_detector() { return std::make_unique<NhsNumberDetector>(); }

}  // namespace chaperone::pii
