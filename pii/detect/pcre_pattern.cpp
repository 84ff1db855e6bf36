// PCRE2 wrapper; see pcre_pattern.h.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pii/detect/pcre_pattern.h"

#include <pcre2.h>

namespace chaperone::pii {
namespace {

// Room for 32 groups; every detector pattern has fewer.
constexpr std::uint32_t kOvectorPairs = 32;
// Backtracking budget per match attempt: detector patterns are linear, this only stops a
// pathological input from stalling a milter thread.
constexpr std::uint32_t kMatchLimit = 200000;

struct ThreadMatchData {
    pcre2_match_data* data = pcre2_match_data_create(kOvectorPairs, nullptr);
    pcre2_match_context* context = [] {
        pcre2_match_context* c = pcre2_match_context_create(nullptr);
        pcre2_set_match_limit(c, kMatchLimit);
        return c;
    }();
    ~ThreadMatchData() {
        pcre2_match_data_free(data);
        pcre2_match_context_free(context);
    }
};

ThreadMatchData& thread_match_data() {
    thread_local ThreadMatchData data;
    return data;
}

}  // namespace

bool PcreMatch::matched(int g) const { return g < pairs && ovector[2 * g] != PCRE2_UNSET; }

std::string_view PcreMatch::group(int g) const {
    if (!matched(g)) return {};
    return subject.substr(ovector[2 * g], ovector[2 * g + 1] - ovector[2 * g]);
}

PcrePattern::PcrePattern(std::string_view pattern, unsigned flags) {
    int err = 0;
    PCRE2_SIZE offset = 0;
    std::uint32_t options = 0;
    if (flags & kCaseless) options |= PCRE2_CASELESS;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &err,
                                     &offset, nullptr);
    if (!code) {
        PCRE2_UCHAR buffer[256];
        pcre2_get_error_message(err, buffer, sizeof buffer);
        error_ = std::string(reinterpret_cast<const char*>(buffer)) + " at offset " + std::to_string(offset);
        return;
    }
    jit_ = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    code_ = code;
}

PcrePattern::~PcrePattern() { pcre2_code_free(static_cast<pcre2_code*>(code_)); }

int PcrePattern::group_number(const char* name) const {
    if (!code_) return -1;
    return pcre2_substring_number_from_name(static_cast<const pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(name));
}

void PcrePattern::for_each(std::string_view text, std::size_t from, std::size_t to,
                           const std::function<bool(const PcreMatch&)>& f) const {
    if (!code_ || from >= to) return;
    if (to > text.size()) to = text.size();
    auto* code = static_cast<const pcre2_code*>(code_);
    ThreadMatchData& md = thread_match_data();
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t offset = from;
    while (offset < to) {
        const int rc = jit_ ? pcre2_jit_match(code, subject, to, offset, 0, md.data, md.context)
                            : pcre2_match(code, subject, to, offset, 0, md.data, md.context);
        if (rc < 0) return;  // no match, or the match limit: give up on this range
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.data);
        PcreMatch m{text, ov, rc == 0 ? static_cast<int>(kOvectorPairs) : rc};
        const std::size_t s = ov[0], e = ov[1];
        if (!f(m)) return;
        offset = e > s ? e : s + 1;
    }
}

bool PcrePattern::match_at(std::string_view text, std::size_t at, std::size_t to,
                           const std::function<void(const PcreMatch&)>& f) const {
    if (!code_ || at >= to) return false;
    if (to > text.size()) to = text.size();
    ThreadMatchData& md = thread_match_data();
    const int rc = pcre2_match(static_cast<const pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), to, at,
                               PCRE2_ANCHORED, md.data, md.context);
    if (rc < 0) return false;
    PcreMatch m{text, pcre2_get_ovector_pointer(md.data), rc == 0 ? static_cast<int>(kOvectorPairs) : rc};
    f(m);
    return true;
}

}  // namespace chaperone::pii
