// Implementation of the leveled logger; see log.h.
#include "pii/base/log.h"

#include <syslog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

namespace chaperone::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::info)};
std::atomic<int> g_sink{static_cast<int>(Sink::stderr_stream)};
std::mutex g_ident_mutex;  // guards g_ident and openlog()
std::string g_ident = "chaperone";
LineHook g_hook;  // guarded by g_ident_mutex
std::atomic<bool> g_has_hook{false};

const char* level_name(Level level) {
    switch (level) {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
        case Level::off: break;
    }
    return "off";
}

int syslog_priority(Level level) {
    switch (level) {
        case Level::debug: return LOG_DEBUG;
        case Level::info: return LOG_INFO;
        case Level::warning: return LOG_WARNING;
        default: return LOG_ERR;
    }
}

}  // namespace

void configure(Level min_level, Sink sink, std::string_view ident) {
    std::lock_guard lock(g_ident_mutex);
    g_ident = std::string(ident);
    g_min_level = static_cast<int>(min_level);
    g_sink = static_cast<int>(sink);
    if (sink == Sink::syslog) openlog(g_ident.c_str(), LOG_PID | LOG_NDELAY, LOG_MAIL);
}

bool enabled(Level level) { return static_cast<int>(level) >= g_min_level.load(); }

void set_line_hook(LineHook hook) {
    std::lock_guard lock(g_ident_mutex);
    g_hook = std::move(hook);
    g_has_hook = static_cast<bool>(g_hook);
}

void write(Level level, std::string_view line) {
    if (g_has_hook.load()) {
        std::lock_guard lock(g_ident_mutex);
        if (g_hook) g_hook(level, line);
    }
    if (!enabled(level)) return;
    if (static_cast<Sink>(g_sink.load()) == Sink::syslog) {
        syslog(syslog_priority(level), "%.*s", static_cast<int>(line.size()), line.data());
        return;
    }
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&seconds, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
    std::string ident;
    {
        std::lock_guard lock(g_ident_mutex);
        ident = g_ident;
    }
    std::string out = fmt::format("{} {}[{}] {}: {}\n", stamp, ident, getpid(), level_name(level), line);
    // One write per line: atomic for pipes up to PIPE_BUF and good enough for files.
    ssize_t ignored = ::write(STDERR_FILENO, out.data(), out.size());
    (void)ignored;
}

bool parse_level(std::string_view name, Level& out) {
    if (name == "debug") out = Level::debug;
    else if (name == "info") out = Level::info;
    else if (name == "warning") out = Level::warning;
    else if (name == "error") out = Level::error;
    else if (name == "off") out = Level::off;
    else return false;
    return true;
}

std::string redact(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool word_start = true;
    for (char c : text) {
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (static_cast<unsigned char>(c) >= 0x80);
        if (!alnum) {
            out.push_back(c);
            word_start = true;
        } else if (word_start && !(c >= '0' && c <= '9')) {
            out.push_back(c);
            word_start = false;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            out.push_back('*');  // one star per character, not per UTF-8 byte
            word_start = false;
        }
    }
    return out;
}

}  // namespace chaperone::log
