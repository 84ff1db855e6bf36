// HTML named character references (&eacute; &nbsp; &pound; ...) to code points.
//
// Thread-safety: a constant table.
#pragma once

#include <string_view>

namespace chaperone::pii {

// The code point named `name` (without & and ;), or 0 when the name is unknown.
char32_t lookup_html_entity(std::string_view name);

}  // namespace chaperone::pii
