// Failed-login rate limiting; see rate_limiter.h.
#include "archive/web/rate_limiter.h"

namespace chaperone::archive::web {

void RateLimiter::expire_locked(std::deque<Clock::time_point>& times, Clock::time_point now) const {
    while (!times.empty() && now - times.front() >= window_) times.pop_front();
}

bool RateLimiter::allowed(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return true;
    expire_locked(it->second, now);
    if (it->second.empty()) {
        failures_.erase(it);
        return true;
    }
    return it->second.size() < limit_;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!failures_.count(key) && failures_.size() >= kMaxTrackedKeys) {
        // Forget the key whose newest failure is oldest.
        auto oldest = failures_.begin();
        for (auto it = failures_.begin(); it != failures_.end(); ++it) {
            if (it->second.empty() || (!oldest->second.empty() && it->second.back() < oldest->second.back())) oldest = it;
            if (oldest->second.empty()) break;
        }
        failures_.erase(oldest);
    }
    auto& times = failures_[key];
    expire_locked(times, now);
    times.push_back(now);
    while (times.size() > limit_) times.pop_front();  // only the newest `limit` matter
}

std::size_t RateLimiter::tracked_keys() const {
    std::lock_guard lock(mutex_);
    return failures_.size();
}

}  // namespace chaperone::archive::web
