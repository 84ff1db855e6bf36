// Postcode and street candidates; see place_candidates.h.
#include "pii/detect/place_candidates.h"

#include "pii/detect/pcre_pattern.h"
#include "pii/detect/uk_postcode.h"

namespace chaperone::pii {
namespace {

#define CHAPERONE_STREET_TYPES                                                                                        \
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Grove|" \
    "Terrace|Terr|Tce|Mews|Row|Walk|Rise|Hill|View|Square|Sq|Park|Green|Parade|Boulevard|Wharf|Meadows?|Fields?|"   \
    "Croft|Chase|Gate|Vale|Yard|Approach|Heights|Mount|Glade|End|Hollow|Dale|Orchard|Paddock|Nook|Bank|Brow|Side|"    \
    "Circle|Wynd|Lea|Leys|Passage|Embankment|Promenade|Common|Cottages|Villas|Copse|Spinney|Dene|Garth|Mead|Ridge|"   \
    "Crossway|Broadway|Circus|Causeway|Fold|Grange|Grn|Pk"

constexpr const char* kPlacePattern =
    R"((?<![\w/\-])(?:)"
    R"((?<pc>(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2})(?![A-Za-z0-9]))"
    R"(|(?<addr>(?:(?:Flat|Apartment|Apt)\.? *\d{1,4}[A-Za-z]?,?\s+)?)"
    R"((?<num>\d{1,4}[A-Za-z]?)(?: *(?:-|\xE2\x80\x93) *\d{1,4}[A-Za-z]?)?,? +)"
    R"((?<street>(?:(?:[A-Z](?:[A-Za-z'\-]|\xE2\x80\x99)*|of|the|de|la|upon|on) +){1,4}?))"
    R"((?<type>(?i:)" CHAPERONE_STREET_TYPES R"())\b\.?)"
    R"((?:, *(?<town>[A-Z][a-z]+(?:[ \-](?:[A-Z][a-z]+|upon|on|under|le|de|in|by)){0,3})\b)?))"
    R"())";

#undef CHAPERONE_STREET_TYPES

const PcrePattern& place_pattern() {
    static const PcrePattern pattern(kPlacePattern);
    return pattern;
}

std::string compact_postcode(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c != ' ') out.push_back(c);
    }
    return out;
}

}  // namespace

bool place_pattern_ok() { return place_pattern().ok(); }

PlaceCandidates find_place_candidates(std::string_view text, const std::vector<ByteRange>& windows) {
    const PcrePattern& re = place_pattern();
    static const int pc = re.group_number("pc");
    static const int num = re.group_number("num");
    static const int street = re.group_number("street");
    static const int type = re.group_number("type");
    static const int town = re.group_number("town");
    PlaceCandidates out;
    for (const ByteRange& w : windows) {
        re.for_each(text, w.start, w.end, [&](const PcreMatch& m) {
            if (m.matched(pc)) {
                std::string compact = compact_postcode(m.group(pc));
                if (is_valid_uk_postcode(compact)) out.postcodes.push_back({m.start(pc), m.end(pc), std::move(compact)});
                return true;
            }
            StreetCandidate s;
            s.start = m.start();
            s.number_start = m.start(num);
            s.street_start = m.start(street);
            s.street_end = m.end(type);
            s.end = m.matched(town) ? m.end(town) : m.end(type);
            out.streets.push_back(s);
            return true;
        });
    }
    return out;
}

std::vector<std::string> postcodes_in(std::string_view text) {
    std::vector<std::string> out;
    const PcrePattern& re = place_pattern();
    static const int pc = re.group_number("pc");
    re.for_each(text, 0, text.size(), [&](const PcreMatch& m) {
        if (m.matched(pc)) {
            std::string compact = compact_postcode(m.group(pc));
            if (is_valid_uk_postcode(compact)) out.push_back(std::move(compact));
        }
        return true;
    });
    return out;
}

}  // namespace chaperone::pii
