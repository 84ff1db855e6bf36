// ExtractState implementation; see extract_state.h.
#include "pii/extract/extract_state.h"

#include <fmt/format.h>

#include "pii/extract/text_sink.h"

namespace chaperone::pii {

ExtractState::ExtractState(const ExtractionLimits& limits, Extraction& out) : limits_(limits), out_(out) {}

void ExtractState::hit(std::string_view where, std::string_view limit, std::string detail) {
    for (const LimitHit& existing : out_.limits) {
        if (existing.where == where && existing.limit == limit) return;
    }
    out_.limits.push_back(LimitHit{std::string(where), std::string(limit), std::move(detail)});
}

std::uint64_t ExtractState::text_remaining() const {
    return text_bytes_ >= limits_.max_extracted_bytes ? 0 : limits_.max_extracted_bytes - text_bytes_;
}

bool ExtractState::add_text(const std::string& where, std::string text) {
    if (text.empty()) return true;
    bool whole = true;
    std::uint64_t room = text_remaining();
    if (text.size() > room) {
        truncate_utf8(text, static_cast<std::size_t>(room));
        hit(where, "max_extracted_bytes", fmt::format("text cut at {} bytes in total", limits_.max_extracted_bytes));
        whole = false;
    }
    text_bytes_ += text.size();
    if (!text.empty()) out_.texts.push_back(TextSource{where, std::move(text)});
    return whole;
}

std::uint64_t ExtractState::inflate_remaining() const {
    std::uint64_t budget = limits_.max_extracted_bytes * kInflatedPerExtractedByte;
    return inflated_ >= budget ? 0 : budget - inflated_;
}

bool ExtractState::count_mime_part() {
    if (mime_parts_ >= limits_.max_mime_parts) {
        hit("message", "max_mime_parts", fmt::format("more than {} MIME parts", limits_.max_mime_parts));
        return false;
    }
    ++mime_parts_;
    return true;
}

std::size_t ExtractState::add_report(AttachmentReport report) {
    out_.attachments.push_back(std::move(report));
    return out_.attachments.size() - 1;
}

void ExtractState::mark_unreadable(std::size_t index, std::string detail) {
    AttachmentReport& r = out_.attachments[index];
    r.protection = Protection::unreadable;
    r.detail = std::move(detail);
}

std::string ExtractState::unique_name(const std::string& name) {
    if (names_.insert(name).second) return name;
    for (int n = 2; n < 100000; ++n) {
        std::string candidate = fmt::format("{} ({})", name, n);
        if (names_.insert(candidate).second) return candidate;
    }
    return name;
}

}  // namespace chaperone::pii
