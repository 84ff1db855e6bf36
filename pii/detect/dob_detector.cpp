// dob: a date that is someone's date of birth.
//
// Fires for a date (any common UK form, date_candidates.h) that
// - stands by birth context: "date of birth", "DOB", "d.o.b.", "born", "birthday" before
//   it, or a DOB column above it in a table; or
// - equals a roster pupil's date of birth; or
// - is a plausible pupil birth date (age 2 to 19 today) with a person's name on its line.
// Trip dates, deadlines, term dates and invoice dates are current or future dates, so they
// fail the age test; words like "trip", "deadline", "invoice" before a date rule out the
// two weaker reasons as well. "3.4.12" reads like a version number and needs birth context.
#include <algorithm>

#include "pii/detect/context_words.h"
#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"

namespace chaperone::pii {
namespace {

const WordList kBirthWords = {"date of birth", "dob", "d.o.b", "d.o.b.", "birth date", "birthdate", "born",
                                  "birthday", "bday", "b'day", "date of birth:", "d o b", "birth"};
const WordList kEventWords = {"trip", "visit", "deadline", "due", "by", "before", "until", "till", "from",
                                  "invoice", "invoiced", "paid", "payment", "pay", "meeting", "appointment", "term",
                                  "starts", "start", "starting", "closing", "close", "closes", "return", "issued",
                                  "dated", "expires", "expiry", "valid", "sent", "received", "booked", "booking",
                                  "order", "ordered", "delivery", "event", "concert", "match", "week", "w/c",
                                  "commencing", "holiday", "inset", "reply", "respond", "deadline:", "published"};
// Ages of pupils (nursery to sixth form).
constexpr int kMinPupilAge = 2;
constexpr int kMaxPupilAge = 19;
// How far before a date its birth or event wording may stand.
constexpr std::size_t kDateContextBytes = 40;

class DobDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::dob; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        const CivilDate& today = in.analysis.today();
        for (const DateCandidate& c : in.analysis.dates()) {
            if (c.date > today) continue;  // nobody is born in the future
            const ByteRange b = before(text, c.start, kDateContextBytes);
            const bool birth_context = contains_word(text, b.start, b.end, kBirthWords) ||
                                       column_header_has(text, c.start, kBirthWords);
            std::span<const std::uint32_t> roster_pupils;
            if (in.roster) roster_pupils = in.roster->pupils_born_on(c.date.year, c.date.month, c.date.day);
            const Finding* name = name_nearby(in.earlier, text, c.start, c.end);

            double confidence = 0.0;
            const char* reason = "";
            if (birth_context) {
                confidence = 0.9, reason = "date with birth context";
            } else if (c.style != DateStyle::numeric_short_year || c.separator != '.') {
                const bool event = contains_word(text, b.start, b.end, kEventWords);
                const int age = age_in_years(c.date, today);
                if (!event && !roster_pupils.empty()) {
                    confidence = 0.85, reason = "roster pupil date of birth";
                } else if (!event && name && age >= kMinPupilAge && age <= kMaxPupilAge) {
                    confidence = 0.7, reason = "plausible pupil birth date next to a name";
                }
            }
            if (confidence == 0.0) continue;
            Finding f = make_finding(in, PiiKind::dob, c.start, c.end, confidence, reason);
            tie_to_pupils(in, roster_pupils, name, f);
            out.push_back(std::move(f));
        }
    }

private:
    // Pupils born that day; narrowed by the name next to the date when it names one of them.
    static void tie_to_pupils(const DetectorInput& in, std::span<const std::uint32_t> pupils, const Finding* name,
                              Finding& f) {
        if (pupils.empty() || !in.roster) return;
        std::vector<std::string> upns;
        for (const std::uint32_t i : pupils) upns.push_back(in.roster->roster().pupils[i].upn);
        if (name && !name->pupil_upns.empty()) {
            std::vector<std::string> both;
            for (const auto& u : upns) {
                if (std::find(name->pupil_upns.begin(), name->pupil_upns.end(), u) != name->pupil_upns.end()) both.push_back(u);
            }
            if (!both.empty()) upns = std::move(both);
        }
        if (upns.size() == 1 || (name && !name->pupil_upns.empty())) {
            f.subject = Subject::pupil;
            f.pupil_upns = std::move(upns);
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_dob_detector() { return std::make_unique<DobDetector>(); }

}  // namespace chaperone::pii
