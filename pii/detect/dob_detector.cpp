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
// Dates of events and deadlines.
const WordList kEventWords = {"trip", "visit", "deadline", "due", "by", "before", "until", "till", "from",
                              "invoice", "invoiced", "paid", "payment", "pay", "meeting", "appointment", "term",
                              "starts", "start", "starting", "closing", "close", "closes", "return", "expires",
                              "expiry", "valid", "booked", "booking", "order", "ordered", "delivery", "event",
                              "concert", "match", "week", "w/c", "commencing", "holiday", "inset", "reply", "respond",
                              "published"};
// Dates of paperwork: not a birth date unless birth wording says so.
const WordList kPaperWords = {"sent", "received", "dated", "issued", "signed", "updated", "printed", "letter of"};
// The three lists above in one, for a single pass over the words before each date.
constexpr std::uint32_t kBirthTag = 1, kEventTag = 2, kPaperTag = 4;
const WordList kDateContextWords = WordList::combine({{&kBirthWords, kBirthTag}, {&kEventWords, kEventTag}, {&kPaperWords, kPaperTag}});
// Ages of pupils (nursery to sixth form).
constexpr int kMinPupilAge = 2;
constexpr int kMaxPupilAge = 19;
// How far before a date its birth or event wording may stand.
constexpr std::size_t kDateContextBytes = 40;
// How far back in the same sentence birth wording still covers a date ("her date of birth
// on the form is 09/03/2017 but the nursery sent us 03/09/2017").
constexpr std::size_t kSentenceBytes = 160;
// Oldest age a date in a birth-wording sentence is read as (a grandparent's DOB).
constexpr int kMaxAge = 110;

// The start of the sentence holding `pos`, at most kSentenceBytes back.
std::size_t sentence_start(std::string_view text, std::size_t pos) {
    const ByteRange b = before(text, pos, kSentenceBytes);
    for (std::size_t i = pos; i > b.start + 1; --i) {
        const char c = text[i - 1];
        if ((c == ' ' || c == '\n') && (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?')) {
            // "d.o.b. " and "No. " are abbreviations, not ends of sentences.
            if (i >= 4 && text[i - 2] == '.' && (text[i - 4] == '.' || text[i - 4] == ' ')) continue;
            return i;
        }
    }
    return b.start;
}

// Birth wording in the sentence before a date at `date_start`, when the kDateContextBytes
// before it (`near`) hold none: only a word starting before `near` can be there, so the
// bytes before `near` are looked at first, and the sentence's start is found only when
// they hold one (it is the costly part: most dates have no birth word anywhere near).
bool birth_words_in_sentence(std::string_view text, const ByteRange& near, std::size_t date_start) {
    const std::size_t lo = date_start > kSentenceBytes ? date_start - kSentenceBytes : 0;
    const std::size_t hi = std::min(date_start, near.start + kBirthWords.longest());
    if (lo >= hi || !contains_word(text, lo, hi, kBirthWords)) return false;
    return contains_word(text, sentence_start(text, date_start), date_start, kBirthWords);
}

// A name ends right before the date ("Siobhán O'Neill 27.03.14", "Amy Fox (19.01.14)").
bool name_adjacent(const std::vector<Finding>& names, const DateCandidate& c, std::string_view text) {
    auto only_separators = [&](std::size_t from, std::size_t to) {
        if (to < from || to - from > 3) return false;
        for (std::size_t i = from; i < to; ++i) {
            if (text[i] != ' ' && text[i] != '(' && text[i] != ',' && text[i] != ':' && text[i] != '\t') return false;
        }
        return true;
    };
    const auto first = std::lower_bound(names.begin(), names.end(), c.start > 8 ? c.start - 8 : 0,
                                        [](const Finding& f, std::size_t v) { return f.end < v; });
    for (auto it = first; it != names.end() && it->start <= c.end + 3; ++it) {
        if (it->end <= c.start && only_separators(it->end, c.start)) return true;
    }
    return false;
}

class DobDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::dob; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        const CivilDate& today = in.analysis.today();
        for (const DateCandidate& c : in.analysis.dates()) {
            if (c.date > today) continue;  // nobody is born in the future
            const ByteRange b = before(text, c.start, kDateContextBytes);
            const std::uint32_t wording = kDateContextWords.tags_in(text, b.start, b.end);
            const bool birth_context = (wording & kBirthTag) ||
                                       (in.analysis.may_hold_table() && column_header_has(text, c.start, kBirthWords));
            // Every reason but birth context needs "no event wording": most dates in prose
            // (trips, deadlines, invoices) stop here, before the roster and name lookups.
            if (!birth_context && (wording & kEventTag)) continue;
            std::span<const std::uint32_t> roster_pupils;
            if (in.roster) roster_pupils = in.roster->pupils_born_on(c.date.year, c.date.month, c.date.day);
            const Finding* name = name_nearby(in.earlier, text, c.start, c.end);

            double confidence = 0.0;
            const char* reason = "";
            const int age = age_in_years(c.date, today);
            // "3.4.12" is also how versions are numbered: alone it needs a name right next to it.
            const bool version_like = c.style == DateStyle::numeric_short_year && c.separator == '.';
            if (birth_context) {
                confidence = 0.9, reason = "date with birth context";
            } else if (age <= kMaxAge && birth_words_in_sentence(text, b, c.start)) {
                confidence = 0.8, reason = "date in a sentence about a birth date";
            } else if (!(wording & kPaperTag) &&
                       (!version_like || name_adjacent(in.earlier, c, text))) {
                if (!roster_pupils.empty()) {
                    confidence = 0.85, reason = "roster pupil date of birth";
                } else if (name && age >= kMinPupilAge && age <= kMaxPupilAge) {
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
