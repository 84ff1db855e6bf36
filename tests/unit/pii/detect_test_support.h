// Shared by the detector tests: a small fictional roster, a fixed "today", and a helper that
// runs a DetectorSet over one text and returns (kind, text, start) triples to compare with
// exact expectations.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "pii/detect/detector_set.h"
#include "pii/roster/roster_index.h"

namespace chaperone::pii::test {

// All names, addresses and numbers are invented; phones are Ofcom drama numbers.
inline Roster sample_roster() {
    Roster r;
    r.pupils = {
        {"B801200005001", "Oliver", "Bennett", "2016-04-03", "3", "14 Larch Close", "Leicester", "LE4 6XT"},
        {"H856212316001", "Amelia", "Okafor", "2014-09-21", "5", "7 Mill Road", "Leicester", "LE2 3AB"},
        {"X856212316002", "Anne-Marie", "Dupré", "2015-01-30", "4", "Flat 2, 9 Station Street", "Leicester", "LE1 5YZ"},
        {"L856212316003", "Siobhan", "O'Neill", "2013-06-12", "6", "22 Orchard Way", "Leicester", "LE5 1AA"},
        {"A856212316004", "Grace", "Brown", "2017-02-02", "2", "3 Beech Avenue", "Leicester", "LE3 9BB"},
        {"P856212316005", "Will", "Green", "2015-05-05", "4", "5 Ash Grove", "Leicester", "LE3 9BD"},
        {"U856212317001", "Poppy", "Hill", "2016-11-11", "3", "8 Elm Drive", "Leicester", "LE4 2CC"},
        {"E856212318001", "Oliver", "Smith", "2015-08-08", "4", "40 Oak Lane", "Leicester", "LE4 7DD"},
    };
    r.contacts = {
        {"B801200005001", "Mrs Sarah Bennett", "Mother", "sarah.bennett@parents.example", "07700 900123"},
        {"B801200005001", "Mr David Bennett", "Father", "d.bennett@parents.example", "07700 900124"},
        {"H856212316001", "Okafor, Chidi", "Father", "chidi.okafor@parents.example", "07700 900456"},
        {"X856212316002", "Hélène Dupré", "Mother", "helene@parents.example", "0116 496 0999"},
        {"L856212316003", "Mary O'Neill", "Mother", "mary.oneill@parents.example", ""},
        {"E856212318001", "Kate Smith", "Mother", "kate.smith@parents.example", ""},
    };
    r.staff = {
        {"Mrs Jane Bloggs", "j.bloggs@school.example"},
        {"Mr Tom Harris", "t.harris@school.example"},
        {"Miss Laura Jones", "l.jones@school.example"},
    };
    r.version = 1;
    return r;
}

inline std::shared_ptr<const RosterIndex> sample_index() {
    static const std::shared_ptr<const RosterIndex> index = RosterIndex::build(sample_roster());
    return index;
}

// A fixed day so that ages (DOB plausibility) never drift with the calendar.
inline constexpr CivilDate kToday{2025, 3, 14};

inline ScanContext teacher_to_parent() {
    ScanContext c;
    c.sender = {"j.bloggs@school.example", "Jane Bloggs"};
    c.recipients = {{"sarah.bennett@parents.example", "Sarah Bennett"}};
    c.school_address = "Pembury Lane, Leicester LE4 1FX";
    c.school_phones = {"0116 496 0720"};
    c.internal_domains = {"school.example"};
    return c;
}

inline ScanContext teacher_to_stranger() {
    ScanContext c = teacher_to_parent();
    c.recipients = {{"office@supplier.example", ""}};
    return c;
}

struct Hit {
    std::string kind;
    std::string text;
    std::size_t start = 0;
    bool operator==(const Hit&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Hit& h) {
    return os << "{" << h.kind << " \"" << h.text << "\" @" << h.start << "}";
}

inline std::vector<Finding> run_detectors(std::string_view text, const ScanContext& context,
                                          std::vector<PiiKind> kinds = {}, bool with_roster = true) {
    DetectorSetOptions options;
    options.kinds = std::move(kinds);
    options.today = kToday;
    DetectorSet set(options, with_roster ? sample_index() : nullptr);
    return set.run(text, "body", context);
}

inline std::vector<Hit> hits(std::string_view text, const ScanContext& context, std::vector<PiiKind> kinds = {},
                             bool with_roster = true) {
    std::vector<Hit> out;
    for (const Finding& f : run_detectors(text, context, std::move(kinds), with_roster)) {
        out.push_back({std::string(kind_name(f.kind)), f.text, f.start});
    }
    return out;
}

// A hit whose start is computed from the first occurrence of `needle` in `text`.
inline Hit at(std::string_view text, std::string kind, std::string needle, std::size_t occurrence = 0) {
    std::size_t pos = text.find(needle);
    for (std::size_t k = 0; k < occurrence && pos != std::string_view::npos; ++k) pos = text.find(needle, pos + 1);
    return {std::move(kind), std::move(needle), pos};
}

}  // namespace chaperone::pii::test
