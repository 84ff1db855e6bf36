// address: street addresses (house number + street name + street type, with the town when
// it follows after a comma) and roster address lines exactly, in any case and spacing.
//
// Not findings: the school's own address, business address blocks (Ltd, Unit, Industrial
// Estate ...), the sender's own signature block, and numbers that count something else
// ("Year 6 Park visit", "Room 3 Green Lane" is a room). A roster address ties the finding
// to the pupils who live there.
#include <algorithm>
#include <cctype>

#include "pii/detect/context_words.h"
#include "pii/detect/detector.h"
#include "pii/detect/place_context.h"
#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

// The word before a number that makes it something other than a house number.
bool counts_something_else(std::string_view text, std::size_t number_start) {
    const ByteRange line = line_of(text, number_start);
    std::size_t end = number_start;
    while (end > line.start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    std::size_t start = end;
    while (start > line.start && ((text[start - 1] >= 'a' && text[start - 1] <= 'z') || (text[start - 1] >= 'A' && text[start - 1] <= 'Z'))) {
        --start;
    }
    if (start == end) return false;
    static const WordList kCountedThings = {"year", "yr", "class", "unit", "suite", "room", "rm", "page", "term", "week", "table",
                          "group", "set", "platform", "gate", "route", "bus", "stage", "level", "grade", "chapter",
                          "section", "step", "ks", "aged", "age", "top", "team", "lesson", "period", "number", "no",
                          "session", "day", "option", "question", "item", "box"};
    return contains_word(text, start, end, kCountedThings);
}

class AddressDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::address; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        const std::size_t first = out.size();
        if (in.roster) find_roster_addresses(in, out);
        const auto& streets = in.analysis.places().streets;
        if (streets.empty()) return;
        const SchoolPlace school(in.context.school_address);
        for (const StreetCandidate& s : streets) {
            const bool covered = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                             [&](const Finding& f) { return f.start <= s.number_start && f.end > s.number_start; });
            if (covered) continue;
            if (counts_something_else(text, s.start)) continue;
            const std::string street = fold_text(text.substr(s.street_start, s.street_end - s.street_start));
            if (school.has_street(street)) continue;
            if (has_business_context(text, s.start)) continue;
            if (const SignatureBlock* sig = in.analysis.regions().signature_at(s.start); sig && sig->outer) continue;
            out.push_back(make_finding(in, PiiKind::address, s.start, s.end, s.end > s.street_end ? 0.8 : 0.75,
                                       "street address"));
        }
    }

private:
    // Roster address lines start with a house number, or with "Flat 2," / "Apartment 4"
    // before one: try each digit run that starts a word, and the word before it.
    static void find_roster_addresses(const DetectorInput& in, std::vector<Finding>& out) {
        const std::string_view text = in.text();
        std::size_t covered_to = 0;
        for (const ByteRange& run : in.analysis.digit_runs()) {
            if (run.start < covered_to || run.end - run.start > 4) continue;
            if (run.start > 0 && std::isalnum(static_cast<unsigned char>(text[run.start - 1]))) continue;
            // A house number is followed by a word: "14 Larch", "14a, larch", "2,\n9 Station".
            std::size_t after = run.end;
            if (after < text.size() && std::isalpha(static_cast<unsigned char>(text[after]))) ++after;
            if (after < text.size() && text[after] == ',') ++after;
            if (after >= text.size() || !std::isspace(static_cast<unsigned char>(text[after]))) continue;
            // The word before the number, if one: "Flat 2, 9 Station Street" starts at "Flat".
            std::size_t word = run.start;
            while (word > 0 && (text[word - 1] == ' ' || text[word - 1] == ',')) --word;
            std::size_t word_start = word;
            while (word_start > 0 && std::isalpha(static_cast<unsigned char>(text[word_start - 1]))) --word_start;
            for (const std::size_t pos : {word_start < word ? word_start : run.start, run.start}) {
                auto m = in.roster->match_address_at(text, pos);
                if (!m) continue;
                Finding f = make_finding(in, PiiKind::address, pos, m->end, 0.95, "roster address");
                f.subject = Subject::pupil;
                for (const std::uint32_t i : m->pupils) f.pupil_upns.push_back(in.roster->roster().pupils[i].upn);
                std::sort(f.pupil_upns.begin(), f.pupil_upns.end());
                out.push_back(std::move(f));
                covered_to = m->end;
                break;
            }
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_address_detector() { return std::make_unique<AddressDetector>(); }

}  // namespace chaperone::pii
