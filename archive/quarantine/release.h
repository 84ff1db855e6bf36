// Releasing a held message: the DPO's decision, carried out exactly once.
//
//   auto r = release_held_message(store.quarantine(), config, id, actor, "parent asked for it");
//   if (!r) -> one line for the DPO (not_found, conflict: "already released", io: relay down)
//
// Steps: claim (held -> releasing, one transaction with the audit record) -> send the stored
// message over SMTP to [release] relay (an MTA listener without the milter), to the
// original envelope recipients, from the original envelope sender, with one header added
// (X-Chaperone-Released: <id>) -> finish: released on the relay's 250 after the final dot;
// back to held when the relay refused it or could not be reached (so it can be tried
// again); left in `releasing` when the connection broke after the final dot, because then
// nobody knows whether the relay took it. Such an entry is never sent again by a plain
// release: the DPO checks the relay's log for the X-Chaperone-Released id and either runs
// the release again with force_stuck (accepting a possible second copy) or discards it.
//
// The CLI (`chaperone quarantine release`) and the web console both call this; two of them
// releasing the same entry at once send it once: the loser gets Errc::conflict.
//
// Thread-safety: safe to call from any thread; the store serialises the claim.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "archive/audit/actor.h"
#include "archive/store/quarantine_store.h"
#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive {

struct ReleaseResult {
    QuarantineId id = 0;
    ReleaseOutcome outcome = ReleaseOutcome::sent;
    std::string relay_reply;  // the relay's last answer, e.g. "250 2.0.0 Ok: queued as 4Tx..."
    std::string after_sent_error;  // the after-sent step failed (the message went out all the same)
};

// Runs once the relay took the message, before the release is recorded as finished: files a
// released parent email to its case files (released_filing.h). Its error never undoes the
// send; it is logged, audited by the callee where it can be, and returned in the result.
using AfterSent = std::function<Status(const QuarantineEntry& entry, std::string_view sent_message)>;

// The header a released message carries (value: the quarantine id).
inline constexpr const char* kReleasedHeader = "X-Chaperone-Released";

// Needs a store opened with StoreRole::reader (the message is decrypted to be sent).
// Returns the result also when the outcome is not `sent`; errors are for what prevented an
// attempt (no such entry, not held, no secret key, audit log unwritable).
Result<ReleaseResult> release_held_message(QuarantineStore& store, const policies::Config& config, QuarantineId id,
                                           const Actor& actor, const std::string& reason, bool force_stuck = false,
                                           const AfterSent& after_sent = {});

}  // namespace chaperone::archive
