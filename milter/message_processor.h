// End of message: turn what the milter collected into one answer for the MTA.
//
//   parse (GMime) -> decide (policies::PolicyEngine) -> act: footer, headers, archive,
//   quarantine -> reply (accept | discard | reject 5xx | tempfail 4xx)
//
// Knows nothing of libmilter: it talks to the MTA through MtaActions, so tests drive it
// directly. Fail-closed: any internal error answers tempfail with the reason logged, unless
// [milter] fail_open = true. Never throws.
//
// Thread-safety: process() may run on many threads at once; each call has its own message.
#pragma once

#include <memory>

#include "milter/collected_message.h"
#include "milter/engine.h"
#include "milter/mta_actions.h"

namespace chaperone::milter {

class MessageProcessor {
public:
    explicit MessageProcessor(std::shared_ptr<const EngineSnapshot> engine) : engine_(std::move(engine)) {}

    MtaReply process(CollectedMessage& message, MtaActions& actions) const;

private:
    MtaReply process_or_throw(CollectedMessage& message, MtaActions& actions) const;
    MtaReply internal_error(const CollectedMessage& message, const std::string& reason) const;

    std::shared_ptr<const EngineSnapshot> engine_;
};

// Header names Chaperone writes. Incoming copies are removed so downstream can trust them.
inline constexpr const char* kStatusHeader = "X-Chaperone";
inline constexpr const char* kDisclaimerHeader = "X-Chaperone-Disclaimer";

}  // namespace chaperone::milter
