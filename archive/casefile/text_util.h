// Small text helpers shared by the archive: ASCII case folding, trimming, splitting and
// UTF-8 checks. No locale: these work on bytes and leave non-ASCII UTF-8 as it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chaperone::archive {

std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
std::string trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);
bool valid_utf8(std::string_view s);
// Normalises line endings to LF.
std::string to_lf(std::string_view s);
// The bare address of "Name <addr>" (or the input trimmed), lower-cased.
std::string bare_address(std::string_view mailbox);

}  // namespace chaperone::archive
