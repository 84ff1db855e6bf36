// libFuzzer target: extract_file() on arbitrary bytes, under small limits so each input
// stays fast. The first byte picks the file name, so name-driven paths (csv, html, eml,
// an encrypted OOXML's extension) are reached as well as content sniffing.
// Seeds: tests/fuzz/corpus/extract_file/ (small real attachments of every type).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pii/extract/message_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const char* const kNames[] = {"a.bin", "a.csv", "a.txt", "a.html", "a.eml", "a.docx", "a.xlsx", "a.pdf"};
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const char* name = kNames[0];
    if (!bytes.empty()) {
        name = kNames[static_cast<unsigned char>(bytes[0]) % (sizeof kNames / sizeof kNames[0])];
    }
    chaperone::pii::ExtractionLimits limits;
    limits.max_extracted_bytes = 1 << 20;
    limits.max_attachment_bytes = 4 << 20;
    limits.max_archive_entries = 64;
    limits.max_mime_parts = 200;
    limits.max_pdf_pages = 5;
    chaperone::pii::Extraction e = chaperone::pii::extract_file(bytes, name, limits);
    // Invariants the rest of the engine relies on.
    std::size_t total = 0;
    for (const auto& t : e.texts) total += t.text.size();
    if (total > limits.max_extracted_bytes) __builtin_trap();
    return 0;
}
