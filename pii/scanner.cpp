// Scanner construction and scan_text(); see scanner.h. The message and file entry points
// (which need text extraction) are in scanner_message.cpp.
#include "pii/scanner.h"

#include "pii/detect/detector_set.h"
#include "pii/roster/roster_index.h"

namespace chaperone::pii {

Scanner::Scanner(ScanSettings settings, std::shared_ptr<const RosterIndex> roster)
    : settings_(std::move(settings)), roster_(std::move(roster)) {
    DetectorSetOptions options;
    options.kinds = settings_.kinds;
    options.min_confidence = settings_.min_confidence;
    detectors_ = std::make_unique<const DetectorSet>(std::move(options), roster_);
}

Scanner::~Scanner() = default;

std::vector<Finding> Scanner::scan_text(std::string_view text, std::string_view where, const ScanContext& context) const {
    return detectors_->run(text, where, context);
}

}  // namespace chaperone::pii
