// A short excerpt around a finding for the DPO's review, with the finding itself and every
// other finding in view replaced by "[kind]": enough to see what kind of sentence it sits
// in, never the data itself.
//
//   "... Maisie's [dob] and she lives at [address] so ..."
//
// Offsets are bytes in the extracted text of the finding's `where` (as the scan reported
// them); the excerpt is widened or narrowed to UTF-8 character boundaries, line breaks
// become spaces, and it is at most 2 * radius bytes of context plus the masks.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "archive/store/quarantine_store.h"

namespace chaperone::archive {

inline constexpr std::size_t kContextRadius = 40;

// `others` are every finding of the same `where` (the finding itself may be among them).
std::string redacted_context(std::string_view text, const QuarantineFinding& finding,
                             const std::vector<QuarantineFinding>& others, std::size_t radius = kContextRadius);

}  // namespace chaperone::archive
