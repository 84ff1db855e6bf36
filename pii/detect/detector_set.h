// The enabled detectors, run together over one text.
//
//   DetectorSet set(options, roster_index);
//   std::vector<Finding> findings = set.run(text, "body", context);
//
// Order: person names first (the others use "a name nearby" as context), then the rest.
// Each candidate family (numbers, dates, places) is found in one pass shared by the
// detectors that use it (text_analysis.h). Afterwards: findings under min_confidence are
// dropped, and overlaps merged:
// - same kind: the higher confidence wins (a roster name beats a title heuristic on the
//   same span), then the longer span;
// - a person name inside an email address, street address or postcode is dropped;
// - identifiers and dates claiming the same digits (a number that is both a phone and an
//   NHS number): the higher confidence wins.
// Findings come back in text order.
//
// Thread-safety: immutable after construction; run() may be called from any number of
// threads at once (per-call state only; PCRE2 match data is thread_local).
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "pii/detect/civil_date.h"
#include "pii/detect/detector.h"

namespace chaperone::pii {

struct DetectorSetOptions {
    std::vector<PiiKind> kinds;           // empty: all ten
    double min_confidence = 0.5;
    std::optional<CivilDate> today;       // fixed "today" for DOB ages (tests); default: the clock
};

class DetectorSet {
public:
    DetectorSet(DetectorSetOptions options, std::shared_ptr<const RosterIndex> roster);
    ~DetectorSet();

    std::vector<Finding> run(std::string_view text, std::string_view where, const ScanContext& context) const;

    const DetectorSetOptions& options() const { return options_; }

private:
    DetectorSetOptions options_;
    std::shared_ptr<const RosterIndex> roster_;
    std::vector<std::unique_ptr<Detector>> detectors_;
};

// Drops findings under `min_confidence`, merges overlaps as described above, sorts.
std::vector<Finding> merge_findings(std::vector<Finding> findings, double min_confidence);

}  // namespace chaperone::pii
