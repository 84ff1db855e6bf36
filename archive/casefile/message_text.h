// The readable text of a stored message, for `archive show` and the PDF case file.
//
// The first text/plain part that is not an attachment, decoded to UTF-8; failing that the
// first text/html part with tags stripped simply (block elements become line breaks,
// <script>/<style> dropped, common entities decoded). Bounded by kMaxMessageTextBytes.
#pragma once

#include <string>
#include <string_view>

#include "pii/mime/mime_message.h"
#include "policies/config/config.h"

namespace chaperone::archive {

constexpr std::size_t kMaxMessageTextBytes = 4 << 20;

std::string message_text(const pii::MimeMessage& message, const policies::LimitsConfig& limits);
std::string strip_html(std::string_view html);

}  // namespace chaperone::archive
