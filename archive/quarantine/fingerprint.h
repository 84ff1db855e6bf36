// The idempotency key of a held message: the same message handed over twice (the MTA
// retried after the milter crashed between committing the hold and answering) has the same
// fingerprint, so it is held once.
//
// What goes in: the envelope sender, the envelope recipients (sorted, case-folded), the
// Message-ID, Date and Subject headers, and a hash of the body as the client sent it. What
// stays out: anything the MTA adds per attempt (Received:, its queue id) and anything the
// milter adds (footer, X-Chaperone headers). A sender's client re-sending the same message
// keeps its Message-ID; a new message from a mail client gets a new one.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chaperone::archive {

struct FingerprintInput {
    std::string_view envelope_from;
    const std::vector<std::string>* envelope_to = nullptr;
    std::string_view message_id;
    std::string_view date;
    std::string_view subject;
    std::string_view body;  // the body bytes as received (before any footer)
};

// 64 hex digits (BLAKE2b-256).
std::string quarantine_fingerprint(const FingerprintInput& input);

}  // namespace chaperone::archive
