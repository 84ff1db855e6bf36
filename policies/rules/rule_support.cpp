// Shared helpers of the PII rules; see rule_support.h.
#include "policies/rules/rule_support.h"

#include <algorithm>

#include "pii/roster/roster_index.h"
#include "policies/address/domain.h"

namespace chaperone::policies {

std::vector<std::string> pii_recipients(const RuleContext& context) {
    std::vector<std::string> out;
    const auto& trusted = context.recipients.trusted;
    for (const std::string& r : context.recipients.external) {
        if (std::find(trusted.begin(), trusted.end(), r) == trusted.end()) out.push_back(r);
    }
    return out;
}

std::set<std::string> shared_children(const RuleContext& context, const std::vector<std::string>& recipients) {
    std::set<std::string> shared;
    if (!context.roster || recipients.empty()) return shared;
    bool first = true;
    for (const std::string& r : recipients) {
        std::vector<std::string> children = context.roster->children_of_contact_email(r);
        std::set<std::string> mine;
        for (const auto& upn : children) mine.insert(ascii_lower(upn));
        if (first) {
            shared = std::move(mine);
            first = false;
        } else {
            std::set<std::string> both;
            std::set_intersection(shared.begin(), shared.end(), mine.begin(), mine.end(),
                                  std::inserter(both, both.begin()));
            shared = std::move(both);
        }
        if (shared.empty()) break;
    }
    return shared;
}

bool discloses(const pii::Finding& finding, const std::set<std::string>& family) {
    if (family.empty() || finding.pupil_upns.empty()) return true;
    switch (finding.kind) {
        case pii::PiiKind::person_name:
        case pii::PiiKind::phone:
        case pii::PiiKind::email:
            break;
        default:
            return true;  // identifiers, dates of birth, addresses, postcodes always count
    }
    // A name shared by several pupils is read as the family's own child when one of them is.
    for (const auto& upn : finding.pupil_upns) {
        if (family.count(ascii_lower(upn))) return false;
    }
    return true;
}

namespace {
const char* kind_words(pii::PiiKind kind) {
    switch (kind) {
        case pii::PiiKind::person_name: return "a name";
        case pii::PiiKind::dob: return "a date of birth";
        case pii::PiiKind::address: return "a home address";
        case pii::PiiKind::postcode: return "a postcode";
        case pii::PiiKind::upn: return "a UPN";
        case pii::PiiKind::uln: return "a ULN";
        case pii::PiiKind::nhs_number: return "an NHS number";
        case pii::PiiKind::nino: return "a National Insurance number";
        case pii::PiiKind::phone: return "a phone number";
        case pii::PiiKind::email: return "an email address";
    }
    return "personal data";
}
}  // namespace

std::string describe_kinds(const std::vector<pii::Finding>& findings, const std::vector<std::size_t>& which) {
    std::set<int> kinds;
    for (std::size_t i : which) {
        if (i < findings.size()) kinds.insert(static_cast<int>(findings[i].kind));
    }
    std::vector<std::string> words;
    for (int k : kinds) words.emplace_back(kind_words(static_cast<pii::PiiKind>(k)));
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
        out += words[i];
    }
    return out.empty() ? "personal data" : out;
}

std::string top_attachment(const std::string& where) {
    auto slash = where.find('/');
    return slash == std::string::npos ? where : where.substr(0, slash);
}

std::string count_of(std::size_t n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace chaperone::policies
