// TEMPORARY bridge until branch `detect` lands its own scanner_message.cpp (it replaces this
// file; take theirs on merge). Written by the `policy` branch so the policy engine can scan
// whole messages now: extraction (branch `extract`) then the detectors over every source.
#include "pii/extract/message_extractor.h"
#include "pii/scanner.h"

namespace chaperone::pii {

ScanReport Scanner::scan_message(const MimeMessage& message, const ScanContext& context) const {
    ScanReport report;
    report.extraction = extract_message(message, settings_.limits);
    for (const TextSource& source : report.extraction.texts) {
        std::vector<Finding> found = scan_text(source.text, source.where, context);
        report.findings.insert(report.findings.end(), std::make_move_iterator(found.begin()),
                               std::make_move_iterator(found.end()));
    }
    return report;
}

}  // namespace chaperone::pii
