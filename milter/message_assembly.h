// Puts a collected message back together as one GMime stream (header block from memory,
// body from memory or from the spill file) so it can be parsed without copying the body.
#pragma once

#include "milter/collected_message.h"
#include "pii/base/result.h"
#include "pii/mime/mime_message.h"

namespace chaperone::milter {

// The header block as text: "Name: value\n" per field, then the blank line.
std::string header_block(const CollectedMessage& message);

Result<pii::MimeMessage> parse_collected(const CollectedMessage& message);

// The whole message as bytes (header block + body), for archiving and quarantine.
Result<std::string> raw_collected(const CollectedMessage& message);

}  // namespace chaperone::milter
