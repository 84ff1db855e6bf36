// Lazily computed shared analysis of one text; see text_analysis.h.
#include "pii/detect/text_analysis.h"

namespace chaperone::pii {

const std::vector<ByteRange>& TextAnalysis::digit_runs() const {
    if (!runs_) runs_ = pii::digit_runs(text_);
    return *runs_;
}

const FamilyWindows& TextAnalysis::windows() const {
    if (!windows_) windows_ = all_family_windows(text_, digit_runs());
    return *windows_;
}

const std::vector<NumberCandidate>& TextAnalysis::numbers() const {
    if (!numbers_) numbers_ = find_number_candidates(text_, windows().numbers);
    return *numbers_;
}

const std::vector<DateCandidate>& TextAnalysis::dates() const {
    if (!dates_) dates_ = find_date_candidates(text_, windows().dates, today_);
    return *dates_;
}

const PlaceCandidates& TextAnalysis::places() const {
    if (!places_) places_ = find_place_candidates(text_, windows().places);
    return *places_;
}

const MessageRegions& TextAnalysis::regions() const {
    if (!regions_) regions_ = find_message_regions(text_);
    return *regions_;
}

const CorrespondentNames& TextAnalysis::correspondents() const {
    if (!correspondents_) correspondents_ = find_correspondents(context_, roster_, text_, regions());
    return *correspondents_;
}

bool TextAnalysis::may_hold_table() const {
    if (!may_hold_table_) {
        may_hold_table_ = text_.find('\t') != std::string_view::npos || text_.find('|') != std::string_view::npos;
    }
    return *may_hold_table_;
}

}  // namespace chaperone::pii
