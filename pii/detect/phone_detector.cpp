// phone: UK mobile and landline numbers, written nationally (07700 900123, (0116) 496 0720)
// or internationally (+44 7700 900123, +44 (0)116 496 0720).
//
// Candidates come from the numbers family; leading digit groups are tried longest first, so
// a number followed by another figure on the line is still found. Validation is
// libphonenumber's (uk_phone.h). Not findings: the school's own numbers, numbers in the
// sender's own signature block, numbers introduced as order / invoice / reference numbers.
// A roster contact's number ties the finding to that contact's children.
#include <algorithm>

#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"
#include "pii/detect/uk_phone.h"

namespace chaperone::pii {
namespace {

const WordList kPhoneWords = {"tel", "telephone", "phone", "mobile", "mob", "call", "ring", "text", "contact",
                                  "landline", "home", "work", "whatsapp", "number", "no", "cell", "m", "t"};

class PhoneDetector final : public Detector {
public:
    PhoneDetector() { check_uk_phone("01164960720"); }  // initialise libphonenumber before threads share it

    PiiKind kind() const override { return PiiKind::phone; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        std::vector<std::string> school;
        for (const std::string& p : in.context.school_phones) school.push_back(normalise_uk_phone(p));
        const MessageRegions* regions = nullptr;
        for (const NumberCandidate& c : in.analysis.numbers()) {
            if (c.shape != NumberShape::digits || c.groups.empty()) continue;
            if (!c.international && text[c.groups.front().start] != '0' && !c.area_code_in_parens) continue;
            // Longest run of leading groups that makes a UK number.
            std::string national;
            std::size_t end = 0;
            UkPhoneValidity validity = UkPhoneValidity::invalid;
            for (std::size_t k = c.groups.size(); k > 0 && validity == UkPhoneValidity::invalid; --k) {
                std::string digits;
                for (std::size_t g = 0; g < k; ++g) digits.append(text.substr(c.groups[g].start, c.groups[g].length()));
                if (c.international) digits.insert(0, "0");
                validity = check_uk_phone(digits);
                if (validity != UkPhoneValidity::invalid) national = digits, end = c.groups[k - 1].end;
            }
            if (validity == UkPhoneValidity::invalid) continue;
            if (std::find(school.begin(), school.end(), national) != school.end()) continue;
            if (has_reference_context(text, c.start)) continue;
            if (!regions) regions = &in.analysis.regions();
            if (const SignatureBlock* sig = regions->signature_at(c.start); sig && sig->outer) continue;

            const bool formatted = c.international || c.groups.size() > 1 || c.area_code_in_parens;
            double confidence = validity == UkPhoneValidity::valid ? 0.85 : 0.75;
            if (!formatted) confidence -= 0.1;
            if (has_keyword_context(text, c.start, end, kPhoneWords)) confidence += 0.1;
            Finding f = make_finding(in, PiiKind::phone, c.start, end, std::min(confidence, 0.95),
                                     validity == UkPhoneValidity::valid ? "UK phone number" : "UK phone number (unallocated range)");
            if (in.roster) {
                const auto contacts = in.roster->contacts_with_phone(national);
                if (!contacts.empty()) {
                    std::vector<NameEntity> who;
                    for (const std::uint32_t i : contacts) who.push_back({EntityKind::contact, i});
                    f.pupil_upns = in.roster->upns_of(who);
                    f.subject = Subject::contact;
                    f.confidence = 0.95;
                    f.reason = "roster contact phone";
                }
            }
            out.push_back(std::move(f));
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_phone_detector() { return std::make_unique<PhoneDetector>(); }

}  // namespace chaperone::pii
