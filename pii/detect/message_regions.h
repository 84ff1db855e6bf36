// The parts of a message text that speak to or for the correspondents, not about anyone:
// the greeting ("Dear Mrs Bennett,"), the sign-off and signature block ("Kind regards,
// Jane Bloggs, Class Teacher, Tel ..."), and where quoted or forwarded mail begins.
//
// Why: almost every email greets its recipient by name and is signed by its sender.
// Reporting those would make the product useless; the policy protects pupils' and their
// families' data, not the correspondents' own names.
//
// Use: find_message_regions(text) once per text; then in_greeting(start, end) and
// signature_at(pos). Signatures before the first quoted/forwarded message are the
// sender's own ("outer"); later ones belong to whoever wrote the quoted mail.
//
// Thread-safety: pure function; the result is a plain value.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "pii/detect/text_windows.h"

namespace chaperone::pii {

struct SignatureBlock {
    ByteRange range;
    bool outer = true;  // before any quoted or forwarded message: the sender's own
};

struct MessageRegions {
    std::vector<ByteRange> greetings;        // the greeted names, e.g. "Mrs Bennett" in "Dear Mrs Bennett,"
    std::vector<SignatureBlock> signatures;  // from the name after a sign-off to the end of the block
    std::size_t quoted_from = 0;             // first byte of quoted/forwarded mail; text size when none

    bool in_greeting(std::size_t start, std::size_t end) const;
    const SignatureBlock* signature_at(std::size_t pos) const;
};

// Lines examined for greetings and sign-offs; text beyond is scanned without exclusions
// (the safe direction: more findings, never fewer).
inline constexpr std::size_t kMaxRegionLines = 100000;
// Lines of a signature block after the sign-off.
inline constexpr std::size_t kMaxSignatureLines = 8;
// A greeting's names end within this many bytes of the greeting word.
inline constexpr std::size_t kMaxGreetingBytes = 60;

MessageRegions find_message_regions(std::string_view text);

}  // namespace chaperone::pii
