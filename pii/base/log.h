// Leveled logging to stderr or syslog, shared by the daemon, the CLI and the web console.
//
// Use: log::info("milter listening on {}", spec). Lines are formatted in full and written
// with one write(2), so concurrent milter threads never interleave inside a line.
// Rule of the house: never log matched PII. Log kinds, counts, offsets, queue ids and
// redacted excerpts (see redact()).
//
// Thread-safety: configure() once at start; the logging calls are safe from any thread.
#pragma once

#include <fmt/format.h>

#include <functional>

#include <string>
#include <string_view>

namespace chaperone::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3, off = 4 };

// Where lines go. stderr lines carry a timestamp; syslog lines use facility mail.
enum class Sink { stderr_stream, syslog };

void configure(Level min_level, Sink sink, std::string_view ident);
bool enabled(Level level);
void write(Level level, std::string_view line);

// Parses "debug|info|warning|error|off"; returns false on anything else.
bool parse_level(std::string_view name, Level& out);

// Tests capture log lines through this hook (null to remove). Not for production use.
using LineHook = std::function<void(Level, std::string_view)>;
void set_line_hook(LineHook hook);

// "J*** S****" style redaction for the rare log line that must point at a match.
std::string redact(std::string_view text);

template <typename... Args>
void debug(fmt::format_string<Args...> f, Args&&... args) {
    if (enabled(Level::debug)) write(Level::debug, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
    if (enabled(Level::info)) write(Level::info, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void warning(fmt::format_string<Args...> f, Args&&... args) {
    if (enabled(Level::warning)) write(Level::warning, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> f, Args&&... args) {
    if (enabled(Level::error)) write(Level::error, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace chaperone::log
