// Shared set-up for quarantine tests (header-only): hold requests as the milter builds them.
#pragma once

#include <string>

#include "archive/casefile/timestamp.h"
#include "archive/quarantine/fingerprint.h"
#include "archive/store/quarantine_store.h"
#include "archive_test_support.h"

namespace chaperone::test {

inline const char* kHeldBody =
    "Hello,\n\nFor the insurance form: Maisie Thornbury, date of birth 14/03/2016, Year 3.\n";

// A held message with one pii-in-body hit; `tag` makes the message (and fingerprint) unique.
inline archive::HoldRequest hold_request(const std::string& tag, const archive::Timestamp& at = archive::now_utc()) {
    archive::HoldRequest r;
    std::string raw = "From: Jo Bloggs <j.bloggs@school.example>\nTo: admissions@council.example\n"
                      "Subject: Trip insurance " + tag + "\nMessage-ID: <" + tag + "@school.example>\n"
                      "X-Chaperone: quarantine; external; findings=2; rules=pii-in-body\n\n" + std::string(kHeldBody);
    std::vector<std::string> to = {"admissions@council.example"};
    r.fingerprint = archive::quarantine_fingerprint({"j.bloggs@school.example", &to, "<" + tag + "@school.example>",
                                                     "", "Trip insurance " + tag, kHeldBody});
    r.received_at = at;
    r.queue_id = "Q" + tag;
    r.envelope_from = "j.bloggs@school.example";
    r.envelope_to = to;
    r.header_from = "Jo Bloggs <j.bloggs@school.example>";
    r.subject = "Trip insurance " + tag;
    r.message_id = "<" + tag + "@school.example>";
    r.rules = {{"pii-in-body", "quarantine",
                "personal data (a name and a date of birth) in the open text of a message to an address outside the "
                "school"}};
    r.findings = {{"person_name", "body", 49, 65, 0.95, {"pii-in-body"}}, {"dob", "body", 81, 91, 0.9, {"pii-in-body"}}};
    r.pupil_upns = {"E856412016101"};
    r.notice_wanted = true;
    r.raw_message = raw;
    return r;
}

inline std::size_t quarantine_blob_files(const TestArchive& archive) {
    std::size_t n = 0;
    std::error_code ec;
    auto root = archive.dir() / "quarantine";
    if (!std::filesystem::exists(root)) return 0;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec); it != std::filesystem::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file()) ++n;
    return n;
}

}  // namespace chaperone::test
