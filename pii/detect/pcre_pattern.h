// A compiled PCRE2 pattern (JIT when available) and a match loop over byte ranges.
//
//   static const PcrePattern kDate(R"(\b\d{1,2}/\d{1,2}/\d{4}\b)");
//   kDate.for_each(text, window.start, window.end, [&](const PcreMatch& m) { ...; return true; });
//
// Patterns are compiled once (function-local statics or members of immutable objects) and
// matched from any thread: each thread has its own match data (thread_local), and no state
// lives in the pattern. Subjects are bytes (no UTF mode): detectors look for ASCII shapes,
// and invalid UTF-8 in mail must never make a match fail.
//
// A pattern that fails to compile is our bug: the constructor records the error and
// ok() is false; unit tests compile every detector pattern.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace chaperone::pii {

struct PcreMatch {
    std::string_view subject;  // the whole text
    const std::size_t* ovector = nullptr;
    int pairs = 0;  // groups + 1 that took part

    std::size_t start(int group = 0) const { return ovector[2 * group]; }
    std::size_t end(int group = 0) const { return ovector[2 * group + 1]; }
    bool matched(int group) const;
    std::string_view group(int group) const;
};

class PcrePattern {
public:
    static constexpr unsigned kCaseless = 1u;

    explicit PcrePattern(std::string_view pattern, unsigned flags = 0);
    ~PcrePattern();
    PcrePattern(const PcrePattern&) = delete;
    PcrePattern& operator=(const PcrePattern&) = delete;

    bool ok() const { return code_ != nullptr; }
    const std::string& error() const { return error_; }
    int group_number(const char* name) const;

    // Calls f for each non-overlapping match that starts in [from, to); the match may not
    // extend past `to`. f returns false to stop. Lookbehinds see text before `from`.
    void for_each(std::string_view text, std::size_t from, std::size_t to,
                  const std::function<bool(const PcreMatch&)>& f) const;
    // One anchored match at `at` (ends before `to`); false when none.
    bool match_at(std::string_view text, std::size_t at, std::size_t to, const std::function<void(const PcreMatch&)>& f) const;

private:
    void* code_ = nullptr;  // pcre2_code_8*
    bool jit_ = false;
    std::string error_;
};

}  // namespace chaperone::pii
