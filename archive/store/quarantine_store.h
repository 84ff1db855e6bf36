// QuarantineStore: messages held for the DPO, and every decision taken on them.
//
// Writing (the milter): hold() seals the message as it would have been delivered (footer
// included) into a blob, then inserts the metadata row and a "quarantine.hold" audit record
// in one transaction, and only then does the milter tell the MTA to drop its copy. A crash
// before the commit leaves the message with the MTA (it answered nothing, so the client
// retries); after the commit, the message is safely held. hold() is idempotent: a message
// with the same fingerprint (envelope + Message-ID + body, see quarantine_fingerprint.h)
// is held once, and a repeat returns the existing entry with already_held = true.
//
// Reviewing (the DPO, via CLI or web console): list() and read() are audited first, like
// case files. Decisions go through a small state machine, each step one transaction that
// also appends the audit record (who, when, why):
//
//     held --claim_release--> releasing --finish_release(sent)--> released
//       |                         |----finish_release(not sent)--> held   (nothing left us)
//       |                         '----(process died mid-send)---- stays releasing: see
//       |                               claim_release(force_stuck) and the README
//       '--discard--> discarded
//     any state but releasing --expire--> row and blob deleted (audit record kept)
//
// claim_release() is the "exactly once" guard: it moves held -> releasing with a fresh
// claim token in one transaction, so of two concurrent releases (threads, processes, CLI
// and web) exactly one gets the claim and the other gets Errc::conflict. The sealed blob
// of a released or discarded message is deleted once the state change is committed.
//
// Metadata never holds matched PII: findings are kind, where, offsets and confidence; the
// subject is stored with any finding in it masked ("Re: [dob]"). The matched text stays in
// the sealed message, which only a reader store (secret key) can open.
//
// Thread-safety: implementations are safe to call from any thread and any process.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/audit/actor.h"
#include "archive/casefile/timestamp.h"
#include "pii/base/result.h"

namespace chaperone::archive {

using QuarantineId = std::int64_t;

enum class QuarantineState { held, releasing, released, discarded };
std::string_view quarantine_state_name(QuarantineState state);  // "held", "releasing", ...
bool parse_quarantine_state(std::string_view name, QuarantineState& out);

// The sender's "held for review" notice (or, for delivered mail, a warning).
enum class NoticeState { not_needed, pending, sent, failed };
std::string_view notice_state_name(NoticeState state);  // "not-needed", "pending", "sent", "failed"
bool parse_notice_state(std::string_view name, NoticeState& out);

struct QuarantineRule {
    std::string id;      // "pii-in-body"
    std::string action;  // "quarantine" (what the rule asked for)
    std::string reason;  // one line for people, no PII
};

struct QuarantineFinding {
    std::string kind;   // DESIGN.md spelling: "dob", "person_name", ...
    std::string where;  // "body" or an attachment name
    std::uint64_t start = 0;  // byte offsets in the extracted text of `where`
    std::uint64_t end = 0;
    double confidence = 0.0;
    std::vector<std::string> rules;  // ids of the rules this finding made fire
};

struct QuarantineAttachment {
    std::string name;
    std::string content_type;
    std::uint64_t size = 0;
    std::string protection;  // pii::protection_name(): "none", "aes", "zipcrypto", "unreadable", ...
};

// What the milter hands over to hold one message.
struct HoldRequest {
    std::string fingerprint;  // quarantine_fingerprint(): the idempotency key (hex)
    Timestamp received_at;    // when the milter saw it
    std::string queue_id;     // the MTA's queue id, for logs
    std::string envelope_from;
    std::vector<std::string> envelope_to;
    std::string header_from;  // "Name <address>"
    std::string subject;      // with findings masked
    std::string message_id;
    std::vector<QuarantineRule> rules;
    std::vector<QuarantineFinding> findings;
    std::vector<QuarantineAttachment> attachments;
    std::vector<std::string> pupil_upns;  // roster pupils the findings concern (for the DPO)
    bool notice_wanted = false;           // a notice will be sent to the sender
    std::string raw_message;              // the full message as it would have been delivered
};

struct HoldResult {
    QuarantineId id = 0;
    bool already_held = false;  // an earlier copy of the same message is held (or was)
    NoticeState notice = NoticeState::not_needed;  // of the entry as stored
};

struct QuarantineEntry {
    QuarantineId id = 0;
    Timestamp held_at;
    std::string fingerprint;
    std::string queue_id;
    std::string envelope_from;
    std::vector<std::string> envelope_to;
    std::string header_from;
    std::string subject;
    std::string message_id;
    std::vector<QuarantineRule> rules;
    std::vector<QuarantineFinding> findings;
    std::vector<QuarantineAttachment> attachments;
    std::vector<std::string> pupil_upns;
    std::uint64_t message_size = 0;
    QuarantineState state = QuarantineState::held;
    NoticeState notice = NoticeState::not_needed;
    std::string notice_detail;  // why a notice failed (the relay's answer), for the DPO
    // The last decision (claim, release, discard): who, when, why.
    std::string decided_by;
    std::optional<Timestamp> decided_at;
    std::string decision_reason;
    std::string blob_id;  // empty once the message is released or discarded

    // The sender as shown: the From: header, else the envelope sender.
    std::string shown_from() const { return header_from.empty() ? envelope_from : header_from; }
    std::vector<std::string> rule_ids() const;
};

struct QuarantineQuery {
    std::vector<QuarantineState> states;  // empty: every state
    std::size_t limit = 1000;             // newest first
    std::size_t offset = 0;
};

// A successful claim: the message to send and the token that finishes the release.
struct ReleaseClaim {
    QuarantineEntry entry;
    std::string raw_message;  // decrypted (needs a reader store)
    std::string token;
};

enum class ReleaseOutcome {
    sent,      // the relay accepted it (250 after the final dot): released
    not_sent,  // refused or failed before the relay took responsibility: back to held
    unknown,   // the connection broke after the final dot: stays releasing (see the README)
};

struct ExpiryItem {
    QuarantineId id = 0;
    Timestamp held_at;
    Timestamp expires_at;
    QuarantineState state = QuarantineState::held;
    std::vector<std::string> rules;
    std::string envelope_from;
};

class QuarantineStore {
public:
    virtual ~QuarantineStore() = default;

    // --- the milter --------------------------------------------------------------------
    virtual Result<HoldResult> hold(const HoldRequest& request) = 0;
    virtual Status set_notice(QuarantineId id, NoticeState state, std::string_view detail) = 0;

    // --- review ------------------------------------------------------------------------
    // Newest first. Audited ("quarantine.list", with the count).
    virtual Result<std::vector<QuarantineEntry>> list(const QuarantineQuery& query, const Actor& actor) = 0;
    // Metadata only, not audited: for state checks and resolving an id (not_found if none).
    virtual Result<QuarantineEntry> find(QuarantineId id) = 0;
    // Metadata and the decrypted message. Audited ("quarantine.show"). Needs a reader store;
    // raw is empty for a released or discarded entry (its message is gone).
    struct Message {
        QuarantineEntry entry;
        std::string raw;
    };
    virtual Result<Message> read(QuarantineId id, const Actor& actor) = 0;

    // --- decisions (each one transaction with its audit record) --------------------------
    // held -> releasing. Errc::conflict when the entry is not held (released, being
    // released, discarded); Errc::not_found when there is no such entry. With `force_stuck`
    // an entry already in `releasing` is claimed again (a DPO's explicit decision after a
    // release died mid-send; it may then reach the recipients twice). Needs a reader store.
    virtual Result<ReleaseClaim> claim_release(QuarantineId id, const Actor& actor, const std::string& reason,
                                               bool force_stuck = false) = 0;
    // Ends a claim. Errc::conflict when the token is no longer the entry's claim.
    virtual Status finish_release(QuarantineId id, const std::string& token, ReleaseOutcome outcome,
                                  const Actor& actor, std::string_view detail) = 0;
    // held -> discarded; the sealed message is deleted, the row and the audit record stay.
    virtual Status discard(QuarantineId id, const Actor& actor, const std::string& reason) = 0;

    // --- retention ---------------------------------------------------------------------
    // Entries held before now - retention_days (any state but releasing).
    virtual Result<std::vector<ExpiryItem>> expired(const Timestamp& now, int retention_days) = 0;
    // Held entries that will expire within `within_days` from now (not yet expired).
    virtual Result<std::vector<ExpiryItem>> expiring(const Timestamp& now, int retention_days, int within_days) = 0;
    // Deletes rows and blobs; one audit record ("quarantine.expire") names the ids.
    virtual Result<std::size_t> expire(const std::vector<ExpiryItem>& items, const Actor& actor) = 0;
    // Sealed files no entry refers to (a crash between writing the blob and the commit),
    // older than `min_age`; removed when `remove`. Returns how many were found.
    virtual Result<std::size_t> sweep_orphans(std::chrono::seconds min_age, bool remove) = 0;
};

}  // namespace chaperone::archive
