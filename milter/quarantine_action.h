// What the milter does with a quarantine verdict, and the notices that go with delivered mail.
//
//   quarantine branch:  hold (sealed message + metadata, committed) -> notice to the sender
//                       -> MtaReply::discard()   (only now may the MTA drop its copy)
//   deliver branch:     notify_on_delivery(): warnings for rules whose action is deliver
//                       (weak-protection), and in monitor mode an audit record of what
//                       would have been held or rejected.
//
// The held message is the message as it would have been delivered: the disclaimer footer
// added (in the part's charset and encoding, as for delivered mail), the client's own
// X-Chaperone headers removed and ours added. Released, it goes out exactly like that.
//
// Crash safety: nothing is answered before the hold is committed. A crash before the commit
// leaves the message with the MTA, which gets no answer and tempfails the client (Postfix:
// milter_default_action = tempfail), so the client retries; after the commit, a retry of the
// same message finds its fingerprint and is discarded without a second copy (its notice is
// sent then if it was still pending). A hold that fails (disk full, database locked)
// tempfails the message even with fail_open: the policy already decided to hold it.
// Test-only crash points (archive/quarantine/crash_point.h): after-blob (in the store),
// after-commit, before-reply.
//
// Thread-safety: reentrant; each call has its own message.
#pragma once

#include "milter/collected_message.h"
#include "milter/engine.h"
#include "milter/mta_actions.h"
#include "pii/mime/mime_message.h"
#include "policies/decision/decision.h"

namespace chaperone::milter {

MtaReply quarantine_message(const EngineSnapshot& engine, const CollectedMessage& message, pii::MimeMessage& mime,
                            const policies::Decision& decision);

// Never fails the message: notice and audit problems are logged.
void notify_on_delivery(const EngineSnapshot& engine, const CollectedMessage& message, const pii::MimeMessage& mime,
                        const policies::Decision& decision);

}  // namespace chaperone::milter
