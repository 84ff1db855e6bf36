// libFuzzer target: every detector over arbitrary bytes (scan_text), with a small roster.
//
//   CC=clang-14 CXX=clang++-14 cmake -B build-fuzz -DCHAPERONE_FUZZ=ON . && make -C build-fuzz fuzz_detectors
//   build-fuzz/bin/fuzz_detectors -max_total_time=60 tests/fuzz/corpus/detectors
//
// Checks beyond "no crash, no sanitizer report": every finding's offsets lie inside the
// text, its text is exactly the bytes at those offsets, and findings come back in order.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "pii/roster/roster_index.h"
#include "pii/scanner.h"

using namespace chaperone::pii;

namespace {

std::shared_ptr<const RosterIndex> small_roster() {
    Roster r;
    r.pupils = {
        {"B801200005001", "Oliver", "Bennett", "2016-04-03", "3", "14 Larch Close", "Leicester", "LE4 6XT"},
        {"H856212316001", "Anne-Marie", "Dupré", "2014-09-21", "5", "Flat 2, 9 Station Street", "Leicester", "LE1 5YZ"},
        {"X856212316002", "Siobhán", "O'Neill", "2015-01-30", "4", "7 Mill Road", "Leicester", "LE2 3AB"},
        {"L856212316003", "Grace", "Brown", "2013-06-12", "6", "22 Orchard Way", "Leicester", "LE5 1AA"},
    };
    r.contacts = {
        {"B801200005001", "Mrs Sarah Bennett", "Mother", "sarah.bennett@parents.example", "07700 900123"},
        {"H856212316001", "Dupré, Hélène", "Mother", "helene@parents.example", "0116 496 0999"},
    };
    r.staff = {{"Mrs Jane Bloggs", "j.bloggs@school.example"}};
    return RosterIndex::build(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Scanner scanner(ScanSettings{}, small_roster());
    static const Scanner bare(ScanSettings{}, nullptr);
    ScanContext context;
    context.sender = {"j.bloggs@school.example", "Jane Bloggs"};
    context.recipients = {{"sarah.bennett@parents.example", "Sarah Bennett"}};
    context.school_address = "Pembury Lane, Leicester LE4 1FX";
    context.school_phones = {"0116 496 0720"};
    context.internal_domains = {"school.example"};

    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const Scanner* s : {&scanner, &bare}) {
        std::size_t previous = 0;
        for (const Finding& f : s->scan_text(text, "body", context)) {
            if (f.start >= f.end || f.end > text.size()) std::abort();
            if (text.substr(f.start, f.end - f.start) != f.text) std::abort();
            if (f.start < previous) std::abort();
            if (f.confidence < 0.5 || f.confidence > 1.0) std::abort();
            previous = f.start;
        }
    }
    return 0;
}
