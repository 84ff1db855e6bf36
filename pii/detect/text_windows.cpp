// Digit windows; see text_windows.h.
#include "pii/detect/text_windows.h"

namespace chaperone::pii {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<ByteRange> digit_windows(std::string_view text) {
    std::vector<ByteRange> windows;
    const std::size_t n = text.size();
    std::size_t pos = 0;
    while (pos < n) {
        while (pos < n && static_cast<unsigned char>(text[pos] - '0') > 9) ++pos;
        if (pos >= n) break;
        const std::size_t run_start = pos;
        while (pos < n && static_cast<unsigned char>(text[pos] - '0') <= 9) ++pos;

        std::size_t start = run_start > kWindowBefore ? run_start - kWindowBefore : 0;
        std::size_t end = pos + kWindowAfter < n ? pos + kWindowAfter : n;
        for (std::size_t k = 0; k < kWindowSnap && start > 0 && !is_space(text[start - 1]); ++k) --start;
        for (std::size_t k = 0; k < kWindowSnap && end < n && !is_space(text[end]); ++k) ++end;

        if (!windows.empty() && start <= windows.back().end) {
            if (end > windows.back().end) windows.back().end = end;
        } else {
            windows.push_back({start, end});
        }
    }
    return windows;
}

}  // namespace chaperone::pii
