// The front of text extraction; see message_extractor.h.
#include "pii/extract/message_extractor.h"

#include "pii/extract/attachment_extractor.h"
#include "pii/extract/extract_state.h"
#include "pii/extract/file_type.h"
#include "pii/extract/message_walker.h"

namespace chaperone::pii {

Extraction extract_message(const MimeMessage& message, const ExtractionLimits& limits) {
    Extraction out;
    ExtractState state(limits, out);
    if (message.get()) walk_top_message(state, message.get());
    return out;
}

Extraction extract_file(std::string_view bytes, std::string_view name, const ExtractionLimits& limits) {
    Extraction out;
    ExtractState state(limits, out);
    if (bytes.size() <= limits.max_attachment_bytes &&
        sniff_content(bytes, name, {}) == ContentKind::eml) {
        // A whole message on disk: read exactly as the milter would read it.
        auto parsed = MimeMessage::parse(bytes);
        if (parsed) {
            walk_top_message(state, parsed->get());
            return out;
        }
    }
    AttachmentInput input;
    input.name = state.unique_name(std::string(name));
    extract_attachment(state, bytes, input);
    return out;
}

}  // namespace chaperone::pii
