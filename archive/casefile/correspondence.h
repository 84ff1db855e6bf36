// What the milter hands the archive for one parent email, and what the archive hands back.
//
// The milter builds a Correspondence per message that involves a roster contact (a parent
// or carer) — usually with build_correspondence() (correspondence_builder.h), which reads
// the headers, Date: and attachment fingerprints from the raw message — adds the roster
// contacts involved and the UPNs its PII findings name, and calls CaseFileStore::record().
// The archive applies the filing rule (filing_rule.h) and files the message to each pupil
// it concerns.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "archive/casefile/timestamp.h"

namespace chaperone::archive {

enum class Direction { in, out };  // in: a parent wrote to the school; out: the school wrote
std::string_view direction_name(Direction d);  // "in" | "out"

struct AttachmentInfo {
    std::string name;  // file name, UTF-8; may be empty
    std::string type;  // "application/pdf"
    std::uint64_t size = 0;  // decoded bytes
    std::string sha256;  // hex of the decoded bytes
};

struct Correspondence {
    Direction direction = Direction::out;
    Timestamp sent_at;      // from Date: when sane (sent_time_from_header), else recorded_at
    Timestamp recorded_at;  // when the milter saw it
    std::string envelope_from;               // MAIL FROM
    std::vector<std::string> envelope_to;    // RCPT TO, so Bcc recipients are on record
    std::string header_from;                 // "Name <address>", decoded
    std::vector<std::string> header_to;
    std::vector<std::string> header_cc;
    std::string subject;
    std::string message_id;
    std::vector<AttachmentInfo> attachments;
    // The message exactly as delivered (footer included), LF or CRLF. The store seals it;
    // it is never logged.
    std::string_view raw_message;
    // Addresses of the roster contacts involved (lower-case): the parent written to, or the
    // parent who wrote. Their children are the candidates for filing.
    std::vector<std::string> contact_emails;
    // UPNs of roster pupils the message names (from PII findings' pupil_upns); may be empty.
    std::vector<std::string> named_upns;
};

using EntryId = std::int64_t;

enum class FilingBasis {
    only_child,    // the contact has one child on the roster
    named,         // the contact has several children and the message names this one
    all_children,  // the contact has several children and names none of them: filed to all
};
std::string_view basis_name(FilingBasis b);
bool parse_basis(std::string_view name, FilingBasis& out);

struct FiledPupil {
    std::string upn;
    FilingBasis basis = FilingBasis::only_child;
    bool operator==(const FiledPupil&) const = default;
};

struct RecordedEntry {
    EntryId id = 0;
    std::vector<FiledPupil> students;  // empty: no contact was on the roster (kept, unfiled)
    std::string blob_id;
};

}  // namespace chaperone::archive
