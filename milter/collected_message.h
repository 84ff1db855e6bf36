// One message as the milter collected it from the MTA: envelope, header fields in order,
// and the body (in RAM or spilled to a private temp file). Reset for every MAIL FROM.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "milter/body_buffer.h"
#include "policies/decision/envelope.h"

namespace chaperone::milter {

struct HeaderField {
    std::string name;
    std::string value;  // as the MTA passed it: unfolded lines joined by "\n" + whitespace
};

struct CollectedMessage {
    CollectedMessage(std::uint64_t spill_bytes, const std::filesystem::path& temp_dir)
        : body(spill_bytes, temp_dir) {}

    policies::Envelope envelope;
    std::vector<HeaderField> headers;
    std::uint64_t header_bytes = 0;
    BodyBuffer body;
    bool oversized = false;     // more than [milter] max_message_bytes: not buffered further
    Status collect_error;       // an I/O error while collecting (e.g. the spill disk is full)

    std::uint64_t size() const { return header_bytes + body.size(); }
};

}  // namespace chaperone::milter
