// CaseFileStore: per-pupil case files of parent correspondence.
//
// Writing (the milter): record() seals the raw message into a blob, applies the filing rule
// against the stored roster, and inserts the metadata row, the pupil links and the chain
// link in one transaction — all or nothing. It needs only the public key and chain key.
//
// Reading (office staff, via CLI or web console): every call that shows who wrote to whom
// or what was said — find_students(), list_entries(), read_entry(), read_entries() — writes
// an audit record FIRST and fails if it cannot. Reading message bytes needs the secret key
// (a store opened with StoreRole::reader).
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archive/audit/actor.h"
#include "archive/casefile/correspondence.h"
#include "archive/casefile/timestamp.h"
#include "archive/store/audit_log.h"
#include "pii/base/result.h"

namespace chaperone::archive {

struct StudentSummary {
    std::string upn;
    std::string forename;
    std::string surname;
    std::string year_group;
    std::string dob;
    bool on_roster = false;  // false: a former pupil whose case file is kept
    std::int64_t entries = 0;
};

// One case-file entry's metadata as stored (never the message text).
struct EntrySummary {
    EntryId id = 0;
    Direction direction = Direction::out;
    Timestamp sent_at;
    Timestamp recorded_at;
    std::string envelope_from;
    std::vector<std::string> envelope_to;
    std::string header_from;
    std::vector<std::string> header_to;
    std::vector<std::string> header_cc;
    std::string subject;
    std::string message_id;
    std::vector<AttachmentInfo> attachments;
    std::vector<std::string> contacts;
    std::vector<FiledPupil> students;
    std::uint64_t message_size = 0;
    std::string blob_id;

    // What the case file shows as sender and addressees: the header values, falling back
    // to the envelope when a header is missing (e.g. an all-Bcc message).
    std::string shown_from() const;
    std::vector<std::string> shown_to() const;
};

struct EntryQuery {
    std::string student_upn;    // one of student_upn / contact_email
    std::string contact_email;  // any address in the envelope or From/To/Cc (subject access requests)
    std::optional<Timestamp> from;  // inclusive, on the sent date
    std::optional<Timestamp> to;    // inclusive
    std::size_t limit = 1'000'000;  // bound on one listing
};

struct PurgeCandidate {
    EntryId id = 0;
    Timestamp sent_at;
    std::vector<std::string> upns;
    std::string retain_until;  // YYYY-MM-DD: the latest of its pupils' dob + retention years
};

class CaseFileStore {
public:
    virtual ~CaseFileStore() = default;

    virtual Result<RecordedEntry> record(const Correspondence& c) = 0;

    // Pupils (on the roster, or with a case file) whose name, UPN or year group contains
    // `search` (case-insensitive; empty: all). Audited without the search text.
    virtual Result<std::vector<StudentSummary>> find_students(const std::string& search, const Actor& actor) = 0;
    // In date order of sending (then id), whatever order they arrived in.
    virtual Result<std::vector<EntrySummary>> list_entries(const EntryQuery& query, const Actor& actor) = 0;
    // Metadata and the decrypted raw message. Audited as "archive.show".
    struct Message {
        EntrySummary entry;
        std::string raw;
    };
    virtual Result<Message> read_entry(EntryId id, const Actor& actor) = 0;
    // For exports: one audit record (`action`, with the ids) then each message in turn.
    using MessageFn = std::function<Status(const EntrySummary&, std::string_view raw)>;
    virtual Status read_entries(const std::vector<EntrySummary>& entries, const Actor& actor, const AuditEvent& event,
                                const MessageFn& each) = 0;

    // Entries whose every pupil is past dob + `retention_years` on `now`. Entries filed to
    // no pupil, or to a pupil whose dob is unknown, are kept.
    virtual Result<std::vector<PurgeCandidate>> purge_candidates(const Timestamp& now, int retention_years) = 0;
    // Deletes the entries' metadata and blobs and appends one audit record (the tombstone)
    // naming what went: ids, sent dates, UPNs. The chain keeps their links, so it verifies.
    virtual Result<std::size_t> purge(const std::vector<PurgeCandidate>& candidates, const Actor& actor) = 0;
};

}  // namespace chaperone::archive
