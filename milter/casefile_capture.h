// Parent correspondence to the case files: a delivered message to or from a roster contact
// (parent or carer) is recorded in the archive as delivered (footer included) with sender,
// addressees, date, subject and attachments, and filed to the pupils it concerns.
//
//   auto filed = capture_correspondence(engine, message.envelope, mime, decision,
//                                       [&] { return delivered_form(message, mime, changes); });
//   if (!filed && config.archive.tempfail_on_error) -> tempfail
//
// Direction: a message whose envelope sender is a roster contact is "in" (the milter also
// sits on the inbound smtpd, see README); one to a roster contact is "out". Which of a
// parent's children it concerns comes from the PII scan's roster findings; mail the policy
// did not scan (internal, inbound) is scanned here, because filing needs to know which
// children it names. The delivered bytes are built only for parent correspondence.
//
// Thread-safety: called concurrently from milter threads; the store is thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "milter/engine.h"
#include "pii/base/result.h"
#include "pii/mime/mime_message.h"
#include "policies/decision/decision.h"

namespace chaperone::milter {

struct CaptureOutcome {
    bool recorded = false;          // false: not parent correspondence (or archiving is off)
    long long entry_id = 0;
    std::vector<std::string> upns;  // the case files it went to
    std::string direction;          // "in" | "out"
};

using DeliveredBytes = std::function<Result<std::string>()>;

// An error means it could not be recorded; the caller decides ([archive] tempfail_on_error).
Result<CaptureOutcome> capture_correspondence(const EngineSnapshot& engine, const policies::Envelope& envelope,
                                              const pii::MimeMessage& delivered, const policies::Decision& decision,
                                              const DeliveredBytes& delivered_bytes);

}  // namespace chaperone::milter
