// TEMPORARY until the detection engine lands (branch `detect` replaces this file): the
// milter builds its PolicyEngine without a Scanner, so nothing here is ever called.
#include "pii/scanner.h"

namespace chaperone::pii {

Scanner::Scanner(ScanSettings settings, std::shared_ptr<const RosterIndex> roster)
    : settings_(std::move(settings)), roster_(std::move(roster)) {}
Scanner::~Scanner() = default;
ScanReport Scanner::scan_message(const MimeMessage&, const ScanContext&) const { return {}; }

}  // namespace chaperone::pii
