// Captures log lines for the duration of a test scope.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "pii/base/log.h"

namespace chaperone::test {

class LogCapture {
public:
    LogCapture() {
        log::set_line_hook([this](log::Level, std::string_view line) {
            std::lock_guard lock(mutex_);
            lines_.emplace_back(line);
        });
    }
    ~LogCapture() { log::set_line_hook(nullptr); }
    bool contains(const std::string& text) const {
        std::lock_guard lock(mutex_);
        for (const auto& l : lines_)
            if (l.find(text) != std::string::npos) return true;
        return false;
    }
    std::string all() const {
        std::lock_guard lock(mutex_);
        std::string out;
        for (const auto& l : lines_) out += l + "\n";
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace chaperone::test
