// What several detectors need from one text, computed at most once per scan: the digit
// runs, the candidate families (numbers, dates, places), the greeting / signature /
// quoted regions and the correspondents' names. Each is built on first use, so a scan
// with only the email detector enabled never tokenizes or runs a date pattern.
//
// Thread-safety: one TextAnalysis per scan call, used by one thread (the lazy caches are
// mutable members without locks).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pii/detect/civil_date.h"
#include "pii/detect/correspondents.h"
#include "pii/detect/date_candidates.h"
#include "pii/detect/message_regions.h"
#include "pii/detect/number_candidates.h"
#include "pii/detect/place_candidates.h"
#include "pii/detect/text_windows.h"
#include "pii/roster/roster_index.h"
#include "pii/scan_context.h"

namespace chaperone::pii {

class TextAnalysis {
public:
    TextAnalysis(std::string_view text, const ScanContext& context, const RosterIndex* roster, CivilDate today)
        : text_(text), context_(context), roster_(roster), today_(today) {}

    std::string_view text() const { return text_; }
    const CivilDate& today() const { return today_; }

    const std::vector<ByteRange>& digit_runs() const;
    const std::vector<NumberCandidate>& numbers() const;
    const std::vector<DateCandidate>& dates() const;
    const PlaceCandidates& places() const;
    const MessageRegions& regions() const;
    const CorrespondentNames& correspondents() const;
    // False when the text has no tab and no "|": no table, so column_header_has() is false
    // everywhere and need not look for the line around each candidate.
    bool may_hold_table() const;

private:
    std::string_view text_;
    const ScanContext& context_;
    const RosterIndex* roster_;
    CivilDate today_;
    const FamilyWindows& windows() const;
    mutable std::optional<std::vector<ByteRange>> runs_;
    mutable std::optional<FamilyWindows> windows_;
    mutable std::optional<std::vector<NumberCandidate>> numbers_;
    mutable std::optional<std::vector<DateCandidate>> dates_;
    mutable std::optional<PlaceCandidates> places_;
    mutable std::optional<MessageRegions> regions_;
    mutable std::optional<CorrespondentNames> correspondents_;
    mutable std::optional<bool> may_hold_table_;
};

}  // namespace chaperone::pii
