// A finding: one piece of person-identifiable data found in one extracted text.
//
// Kinds and their spelling are a contract (DESIGN.md): person_name dob address postcode upn
// uln nhs_number nino phone email. Offsets are bytes in the UTF-8 text extracted from
// `where` ("body", or an attachment's file name; nested: "pupils.zip/list.xlsx").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chaperone::pii {

enum class PiiKind { person_name, dob, address, postcode, upn, uln, nhs_number, nino, phone, email };

std::string_view kind_name(PiiKind kind);
bool parse_kind(std::string_view name, PiiKind& out);

// Whose data it is, when the roster tells us.
enum class Subject { unknown, pupil, contact };

struct Finding {
    PiiKind kind = PiiKind::person_name;
    std::string text;        // exactly the bytes at [start, end) of the extracted text
    std::size_t start = 0;
    std::size_t end = 0;
    std::string where = "body";
    double confidence = 0.0;  // 0..1; roster matches and checksums with context score high
    Subject subject = Subject::unknown;
    std::vector<std::string> pupil_upns;  // roster pupils this identifies (a pupil, or a contact's children)
    std::string reason;  // why it fired, never containing PII: "roster pupil name", "DOB context"
};

}  // namespace chaperone::pii
