// One-time libsodium initialisation and small hashing helpers shared by the archive.
//
// ensure_sodium() is safe to call from any thread, any number of times; every entry point
// that uses libsodium calls it first. hex() is lower-case; blake2b256() is unkeyed BLAKE2b
// with a 32-byte output; sha256_hex() is for attachment fingerprints people may compare with
// `sha256sum`.
#pragma once

#include <string>
#include <string_view>

#include "pii/base/result.h"

namespace chaperone::archive::crypto {

Status ensure_sodium();
std::string hex(std::string_view bytes);
// Decodes exactly `expected_bytes` from hex (whitespace around it ignored); empty on error.
std::string unhex(std::string_view text, std::size_t expected_bytes);
std::string blake2b256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);
// n random bytes from the OS CSPRNG, as lower-case hex (2n characters).
std::string random_hex(std::size_t n);

}  // namespace chaperone::archive::crypto
