// Periodic count flushes; see counts_flusher.h.
#include "milter/counts_flusher.h"

#include "pii/base/log.h"

namespace chaperone::milter {

void CountsFlusher::flush_now() {
    auto current = engine_.current();
    if (!current->store || !current->counts || current->counts->pending() == 0) return;
    if (Status s = current->counts->flush(current->store->counters()); !s) {
        log::warning("message counts not written yet (kept for the next try): {}", s.message());
    }
}

}  // namespace chaperone::milter
