// libFuzzer target: MimeMessage::parse() then extract_message() on arbitrary bytes, under
// small limits. Seeds: tests/fuzz/corpus/extract_message/ (small .eml files).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pii/extract/message_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    auto message = chaperone::pii::MimeMessage::parse(raw);
    if (!message) return 0;
    chaperone::pii::ExtractionLimits limits;
    limits.max_extracted_bytes = 1 << 20;
    limits.max_attachment_bytes = 4 << 20;
    limits.max_archive_entries = 64;
    limits.max_mime_parts = 200;
    limits.max_mime_depth = 20;
    limits.max_pdf_pages = 5;
    chaperone::pii::Extraction e = chaperone::pii::extract_message(*message, limits);
    std::size_t total = 0;
    for (const auto& t : e.texts) total += t.text.size();
    if (total > limits.max_extracted_bytes) __builtin_trap();
    return 0;
}
