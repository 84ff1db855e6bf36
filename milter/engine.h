// Everything the milter decides with, bundled as one immutable snapshot: the config, the
// policy engine (with its PII scanner and roster index), and the stores it writes to.
//
// Each message takes the current snapshot when it starts its end-of-message work and keeps
// it to the end; a roster reload publishes a new snapshot without disturbing messages in
// flight. Engine::current() is cheap (a mutex-guarded shared_ptr copy).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "archive/store/counter_batch.h"
#include "archive/store/store.h"
#include "policies/config/config.h"
#include "policies/decision/decision.h"

namespace chaperone::milter {

struct EngineSnapshot {
    std::shared_ptr<const policies::Config> config;
    std::shared_ptr<const policies::PolicyEngine> policy;
    // The store (quarantine, case files). Shared by every snapshot; thread-safe itself.
    // Null only in unit tests that exercise the processor without one.
    std::shared_ptr<archive::Store> store;
    std::uint64_t roster_version = 0;  // the roster the policy engine was built from
    // The process's message counts for the dashboard (scanned, delivered, rejected), flushed
    // to the store once a minute (counts_flusher.h). One per process: every snapshot of it
    // shares it. Null when there is no store.
    std::shared_ptr<archive::CounterBatch> counts;
};

class Engine {
public:
    explicit Engine(std::shared_ptr<const EngineSnapshot> initial) : current_(std::move(initial)) {}

    std::shared_ptr<const EngineSnapshot> current() const {
        std::lock_guard lock(mutex_);
        return current_;
    }
    void publish(std::shared_ptr<const EngineSnapshot> next) {
        std::lock_guard lock(mutex_);
        current_ = std::move(next);
    }

private:
    mutable std::mutex mutex_;  // guards current_
    std::shared_ptr<const EngineSnapshot> current_;
};

}  // namespace chaperone::milter
