// A sliding one-minute window of failed logins, per key (a client address, an account
// name): once a key has `limit` failures within the last minute, every attempt under it
// is refused until the oldest failure ages out.
//
//   RateLimiter failures(config.web.login_attempts_per_minute);
//   if (!failures.allowed("ip:" + addr, now) || !failures.allowed("user:" + name, now)) -> 429
//   ... on a failed check: failures.record("ip:" + addr, now); failures.record("user:" + name, now);
//
// Memory is bounded: at most kMaxTrackedKeys keys; when full, the key idle longest is
// forgotten first (an attacker rotating addresses cannot grow it).
//
// Thread-safety: all methods are safe to call from any thread (one mutex).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace chaperone::archive::web {

constexpr std::size_t kMaxTrackedKeys = 10'000;

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    explicit RateLimiter(int per_minute, std::chrono::seconds window = std::chrono::seconds(60))
        : limit_(per_minute < 1 ? 1 : static_cast<std::size_t>(per_minute)), window_(window) {}

    bool allowed(const std::string& key, Clock::time_point now);
    void record(const std::string& key, Clock::time_point now);
    std::size_t tracked_keys() const;

private:
    void expire_locked(std::deque<Clock::time_point>& times, Clock::time_point now) const;

    const std::size_t limit_;
    const std::chrono::seconds window_;
    mutable std::mutex mutex_;
    std::map<std::string, std::deque<Clock::time_point>> failures_;  // guarded by mutex_
};

}  // namespace chaperone::archive::web
