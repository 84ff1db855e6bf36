// Test-only crash points; see crash_point.h.
#include "archive/quarantine/crash_point.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pii/base/log.h"

namespace chaperone::archive {
namespace {

struct CrashRule {
    std::string name;
    int percent = 100;
};

// Read once: the variable is set (or not) by whoever started the process.
const std::vector<CrashRule>& rules() {
    static const std::vector<CrashRule> parsed = [] {
        std::vector<CrashRule> out;
        const char* value = std::getenv(kCrashEnvironmentVariable);
        if (!value) return out;
        std::string text = value;
        std::size_t pos = 0;
        while (pos <= text.size() && out.size() < 16) {
            std::size_t comma = text.find(',', pos);
            std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            CrashRule rule;
            auto colon = item.find(':');
            rule.name = item.substr(0, colon);
            if (colon != std::string::npos) rule.percent = std::atoi(item.c_str() + colon + 1);
            if (!rule.name.empty()) out.push_back(rule);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
        return out;
    }();
    return parsed;
}

}  // namespace

void crash_point(std::string_view name) {
    const auto& list = rules();
    if (list.empty()) return;
    for (const CrashRule& rule : list) {
        if (rule.name != name) continue;
        if (rule.percent < 100) {
            thread_local std::mt19937 rng(std::random_device{}());
            if (static_cast<int>(rng() % 100) >= rule.percent) return;
        }
        log::warning("test crash point {} reached: killing the process ({} is set)", std::string(name),
                     kCrashEnvironmentVariable);
        ::kill(::getpid(), SIGKILL);
        ::pause();
    }
}

}  // namespace chaperone::archive
