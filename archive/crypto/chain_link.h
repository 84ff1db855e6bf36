// The keyed hash chain that makes the archive tamper-evident.
//
//   link(n) = BLAKE2b-256 keyed with chain.key over
//             link(n-1) | seq (8 bytes LE) | kind | 0x00 | ref_id (8 bytes LE) | digest(n)
// with link(0) = 32 zero bytes. digest(n) is the unkeyed BLAKE2b-256 of the record's
// canonical metadata (canonical_record()), which for a case-file entry includes the hash of
// its sealed blob. Without the chain key nobody can edit, insert, drop or reorder a record
// and make the links agree again.
//
// canonical_record() encodes named fields unambiguously ("name=<len>:<bytes>\n" in the given
// order), so two different records never encode the same.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/crypto/key_files.h"

namespace chaperone::archive::crypto {

constexpr std::size_t kLinkBytes = 32;

std::string genesis_link();
std::string chain_link(const SecretBytes& chain_key, std::string_view previous_link, std::int64_t seq,
                       std::string_view kind, std::int64_t ref_id, std::string_view digest);

using CanonicalFields = std::vector<std::pair<std::string_view, std::string_view>>;
std::string canonical_record(const CanonicalFields& fields);

}  // namespace chaperone::archive::crypto
