// ExtractState: the budgets and the growing Extraction of one extract_message/extract_file
// call, shared by every reader it reaches (MIME walk, archives, documents).
//
// Budgets, all from ExtractionLimits:
// - text: the sum of every TextSource is at most max_extracted_bytes;
// - inflated bytes: what archives may decompress in total (entries, nested archives, the XML
//   parts of Office files) is at most kInflatedPerExtractedByte x max_extracted_bytes, so
//   2000 entries x 150:1 cannot add up to gigabytes; reaching it is reported under
//   max_extracted_bytes, the key that bounds it;
// - MIME parts walked.
// Every limit reached becomes one LimitHit per (where, limit) pair.
//
// Thread-safety: one per call; never shared.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "pii/extract/extraction.h"

namespace chaperone::pii {

inline constexpr std::uint64_t kInflatedPerExtractedByte = 4;

class ExtractState {
public:
    ExtractState(const ExtractionLimits& limits, Extraction& out);

    const ExtractionLimits& limits() const { return limits_; }
    Extraction& out() { return out_; }

    // Records a limit reached (once per where and key).
    void hit(std::string_view where, std::string_view limit, std::string detail);

    // Bytes of text still allowed in this extraction.
    std::uint64_t text_remaining() const;
    // Adds a text source, cut to what the budget allows; returns false when it was cut
    // (and records the max_extracted_bytes hit for `where`). Empty text adds nothing.
    bool add_text(const std::string& where, std::string text);

    std::uint64_t inflate_remaining() const;
    void charge_inflated(std::uint64_t bytes) { inflated_ += bytes; }

    // MIME parts walked so far; false once max_mime_parts is reached (recorded once).
    bool count_mime_part();

    // Adds a report and returns its index (reports may be appended while it is filled in).
    std::size_t add_report(AttachmentReport report);
    AttachmentReport& report(std::size_t index) { return out_.attachments[index]; }
    void mark_unreadable(std::size_t index, std::string detail);

    // A source name not used yet in this extraction: "a.pdf", then "a.pdf (2)", ...
    std::string unique_name(const std::string& name);

private:
    const ExtractionLimits& limits_;
    Extraction& out_;
    std::uint64_t text_bytes_ = 0;
    std::uint64_t inflated_ = 0;
    int mime_parts_ = 0;
    std::set<std::string> names_;
};

}  // namespace chaperone::pii
