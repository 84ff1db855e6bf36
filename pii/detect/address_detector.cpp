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
    return contains_word(text, start, end,
                         {"year", "yr", "class", "unit", "suite", "room", "rm", "page", "term", "week", "table",
                          "group", "set", "platform", "gate", "route", "bus", "stage", "level", "grade", "chapter",
                          "section", "step", "ks", "aged", "age", "top", "team", "lesson", "period", "number", "no",
                          "session", "day", "option", "question", "item", "box"});
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
    // Roster address lines start with a house number or "Flat"/"Apartment": try each such
    // word start inside the digit windows.
    static void find_roster_addresses(const DetectorInput& in, std::vector<Finding>& out) {
        const std::string_view text = in.text();
        for (const ByteRange& w : in.analysis.windows()) {
            std::size_t pos = w.start;
            while (pos < w.end) {
                const bool word_start = pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
                const char c = text[pos];
                const bool candidate = word_start && ((c >= '0' && c <= '9') || c == 'F' || c == 'f' || c == 'A' || c == 'a');
                if (!candidate) {
                    ++pos;
                    continue;
                }
                if (auto m = in.roster->match_address_at(text, pos)) {
                    Finding f = make_finding(in, PiiKind::address, pos, m->end, 0.95, "roster address");
                    f.subject = Subject::pupil;
                    for (const std::uint32_t i : m->pupils) f.pupil_upns.push_back(in.roster->roster().pupils[i].upn);
                    std::sort(f.pupil_upns.begin(), f.pupil_upns.end());
                    out.push_back(std::move(f));
                    pos = m->end;
                    continue;
                }
                ++pos;
            }
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_address_detector() { return std::make_unique<AddressDetector>(); }

}  // namespace chaperone::pii
