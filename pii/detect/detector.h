// The Detector interface: one kind of PII, text in, findings out.
//
//   auto d = make_detector(PiiKind::nhs_number);
//   d->detect(input, findings);   // appends; never throws; no I/O
//
// A detector is pure: what it reports depends only on its input (the text, the scan
// context, the roster, the findings of detectors that ran before it, today's date). It is
// immutable after construction and safe to call from many threads at once. DetectorSet
// runs the enabled ones over one text, person names first (others use "a name nearby" as
// context), then merges overlaps and applies the confidence threshold.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "pii/detect/text_analysis.h"
#include "pii/finding.h"
#include "pii/roster/roster_index.h"
#include "pii/scan_context.h"

namespace chaperone::pii {

struct DetectorInput {
    const TextAnalysis& analysis;
    const ScanContext& context;
    const RosterIndex* roster;             // null when no roster is loaded
    std::string_view where;                // "body" or the attachment name
    const std::vector<Finding>& earlier;   // findings of the detectors that ran before, in text order

    std::string_view text() const { return analysis.text(); }
};

class Detector {
public:
    virtual ~Detector() = default;
    virtual PiiKind kind() const = 0;
    // Appends this detector's findings (any order, overlaps allowed) to `out`.
    virtual void detect(const DetectorInput& input, std::vector<Finding>& out) const = 0;
};

std::unique_ptr<Detector> make_person_name_detector();
std::unique_ptr<Detector> make_dob_detector();
std::unique_ptr<Detector> make_address_detector();
std::unique_ptr<Detector> make_postcode_detector();
std::unique_ptr<Detector> make_upn_detector();
std::unique_ptr<Detector> make_uln_detector();
std::unique_ptr<Detector> make_nhs_number_detector();
std::unique_ptr<Detector> make_nino_detector();
std::unique_ptr<Detector> make_phone_detector();
std::unique_ptr<Detector> make_email_detector();
std::unique_ptr<Detector> make_detector(PiiKind kind);

// A finding of `kind` over text[start, end).
Finding make_finding(const DetectorInput& input, PiiKind kind, std::size_t start, std::size_t end, double confidence,
                     std::string reason);

}  // namespace chaperone::pii
