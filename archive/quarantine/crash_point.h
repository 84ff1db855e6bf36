// Test-only crash points for the quarantine's crash tests.
//
//   crash_point("after-blob");   // in the hold path, between blob and commit
//
// Does nothing unless the environment variable CHAPERONE_TEST_CRASH_AT is set when the
// process starts. Its value is a comma-separated list of "NAME" (die the first time NAME
// is reached) or "NAME:PERCENT" (die at NAME with that probability, each time). Dying is
// SIGKILL to ourselves: no destructors, no flush, exactly like a power cut of the process.
// Names used: after-blob, after-commit, before-reply (milter/quarantine_action.cpp).
//
// Thread-safety: safe from any thread.
#pragma once

#include <string_view>

namespace chaperone::archive {

inline constexpr const char* kCrashEnvironmentVariable = "CHAPERONE_TEST_CRASH_AT";

void crash_point(std::string_view name);

}  // namespace chaperone::archive
