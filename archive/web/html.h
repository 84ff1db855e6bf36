// Escaping text for HTML, and building small SafeHtml fragments from escaped pieces.
//
//   std::string cell = html_escape(subject);                      // text -> markup
//   SafeHtml mark = html_element("mark", finding_text, {{"class", "pii"}});
//
// escape() covers the five characters that matter in element content and in quoted
// attribute values (& < > " '). Templates always quote attribute values.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/web/template_value.h"

namespace chaperone::archive::web {

std::string html_escape(std::string_view text);

// <name attr="value"...>escaped text</name>; attribute names are ours (not escaped),
// values are escaped.
SafeHtml html_element(std::string_view name, std::string_view text,
                      const std::vector<std::pair<std::string, std::string>>& attributes = {});

// Replaces bytes that are not valid UTF-8 with U+FFFD, so a message's stray 8-bit bytes
// cannot break the page's encoding.
std::string valid_utf8(std::string_view text);

}  // namespace chaperone::archive::web
