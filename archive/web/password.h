// Passwords of console accounts: argon2id through libsodium (crypto_pwhash_str), and the
// rules a new password must meet.
//
//   if (auto why = password_problem(pw); !why.empty()) refuse(why);
//   auto hash = hash_password(pw);            // "$argon2id$v=19$m=65536,t=2,p=1$..."
//   bool ok = verify_password(*hash, attempt);
//
// Cost: libsodium's INTERACTIVE limits (64 MiB, about 0.1 s here), the setting it
// recommends for online logins. Because each check takes that memory, the server lets at
// most kMaxConcurrentPasswordChecks run at once (session_manager.cpp).
//
// Security notes: the password is never logged or stored; hash strings carry their own
// salt and parameters, so raising the cost later still verifies old hashes
// (password_needs_rehash() says when to re-hash at the next login).
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "pii/base/result.h"

namespace chaperone::archive::web {

constexpr std::size_t kMinPasswordBytes = 10;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr int kMaxConcurrentPasswordChecks = 2;

// "" when acceptable, else a sentence saying what is wrong (for the CLI and the form).
std::string password_problem(std::string_view password);
Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
bool password_needs_rehash(const std::string& hash);

}  // namespace chaperone::archive::web
