// bench_scan: throughput of the PII engine on plain text, single thread, with a roster of
// the target size (2,000 pupils, 3,500 contacts). Prints figures; asserts nothing.
//
//   build/bin/bench_scan [megabytes of text, default 16]
//
// What it measures:
// 1. Building the RosterIndex.
// 2. The name matcher alone, and the two alternatives it was chosen over (an Aho-Corasick
//    automaton over folded text, a PCRE2 alternation of names) on the same text.
// 3. Scanner::scan_text over school-like prose in message-sized pieces (8 KiB), all ten
//    detectors enabled: MB/s per core and the findings count per kind.
// Everything is generated from a fixed seed: fictional names, Ofcom drama phone numbers,
// .example addresses.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "pii/detect/date_candidates.h"
#include "pii/detect/message_regions.h"
#include "pii/detect/number_candidates.h"
#include "pii/detect/place_candidates.h"
#include "pii/roster/roster_index.h"
#include "pii/roster/text_fold.h"
#include "pii/scanner.h"

using namespace chaperone::pii;

namespace {

// xorshift64*: the same sequence on every platform and standard library.
struct Rng {
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
        return s * 2685821657736338717ull;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
};

constexpr std::array<const char*, 60> kForenames = {
    "Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Ivy", "Leo", "Freya",
    "Arthur", "Lily", "Oscar", "Sophia", "Charlie", "Grace", "Muhammad", "Aisha", "Priya", "Tomasz", "Zofia", "Kwame",
    "Chloe", "Ethan", "Ruby", "Jacob", "Poppy", "Theo", "Evie", "Alfie", "Ella", "Finley", "Layla", "Archie",
    "Daisy", "Henry", "Rosie", "Isaac", "Willow", "Joshua", "Sienna", "Luca", "Maya", "Mason", "Emily", "Logan",
    "Hannah", "Reuben", "Zara", "Yusuf", "Fatima", "Dylan", "Erin", "Anne-Marie", "Siobhán", "Zoë", "Mateo", "Aarav"};
constexpr std::array<const char*, 24> kAdultForenames = {
    "Sarah", "David", "Chidi", "Hélène", "Mary", "Kate", "Mark", "Ngozi", "Priti", "Wei", "Olena", "Piotr",
    "Ewa", "Reza", "Maryam", "Danielle", "Craig", "Kirsty", "Ross", "Lisa", "Andrea", "Jaspreet", "Elena", "Mihai"};
constexpr std::array<const char*, 16> kSyllables = {"Ben", "nett", "Ok", "afor", "Dup", "ré", "Wal", "ker",
                                                    "Hugh", "es", "Pat", "el", "Kow", "alski", "Mc", "Allister"};
constexpr std::array<const char*, 12> kStreets = {"Larch", "Mill", "Station", "Orchard", "Beech", "Cedar",
                                                  "Meadow", "Church", "Kestrel", "Mayflower", "Thornbury", "Oak"};
constexpr std::array<const char*, 8> kStreetTypes = {"Close", "Road", "Street", "Way", "Avenue", "Lane", "Drive", "Court"};
constexpr std::array<const char*, 6> kDistricts = {"LE1", "LE2", "LE3", "LE4", "LE5", "LE11"};

// Ordinary school prose: what most of the scanned text is.
constexpr std::array<const char*, 24> kProse = {
    "Thank you for your support this term. ",
    "The Year 4 trip to the National Space Centre is on Friday 14th March; the coach leaves at 8.45am. ",
    "Please remember PE kits on Tuesday and Thursday, and a named water bottle every day. ",
    "Our book fair raised £312.50 for the library, which will buy around 60 new books. ",
    "Reading records should be signed at least three times a week. ",
    "Parents' evening bookings open on Monday at 6pm through the usual system. ",
    "Will you be able to help at the summer fair? We need volunteers for the cake stall. ",
    "Hope you all had a restful half term. ",
    "The deadline for the residential deposit is 31/01/2025; the balance is due by 28/02/2025. ",
    "Invoice INV-20931 for the new reading scheme has been paid in full. ",
    "Class photographs will be taken on Wednesday morning. ",
    "Green Class have been learning about the Romans and built a model of Hadrian's Wall. ",
    "If your child has a medical appointment, please let the office know in advance. ",
    "The school office is open from 8.15am until 4pm; call 0116 496 0720. ",
    "We are proud of everyone who took part in the county cross-country on Saturday. ",
    "Breakfast club costs £3 per session and starts at 7.45am. ",
    "Order number 3726705791 from the stationery supplier arrived yesterday. ",
    "Please check the lost property box before the end of term. ",
    "May is National Walking Month, so we are encouraging everyone to walk to school. ",
    "Homework is set on Friday and due the following Wednesday. ",
    "The new climbing frame will be installed during the Easter holidays. ",
    "Mark the date: Sports Day is 20/06/2025, with a rain date of 27/06/2025. ",
    "Governors met on 12 February and approved the budget. ",
    "Kind regards,\nJane Bloggs\nClass Teacher\n\n",
};

char upn_letter(const std::string& twelve) {
    static const std::string alphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i) sum += (twelve[i] - '0') * static_cast<int>(i + 2);
    return alphabet[static_cast<std::size_t>(sum % 23)];
}

std::string surname(Rng& rng) {
    std::string s = rng.pick(kSyllables);
    s += std::string(rng.pick(kSyllables));
    for (std::size_t i = 1; i < s.size(); ++i) s[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    return s;
}

Roster make_roster(Rng& rng) {
    Roster r;
    for (int i = 0; i < 2000; ++i) {
        char twelve[13];
        std::snprintf(twelve, sizeof twelve, "856%04d%02d%03d", 4012 + i % 7, 14 + i % 10, i % 1000);
        Pupil p;
        p.upn = upn_letter(twelve) + std::string(twelve);
        p.forename = rng.pick(kForenames);
        p.surname = surname(rng);
        char dob[11];
        std::snprintf(dob, sizeof dob, "%04zu-%02zu-%02zu", 2007 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28));
        p.dob = dob;
        p.year_group = std::to_string(rng.below(12));
        p.address_line1 = std::to_string(1 + rng.below(200)) + " " + rng.pick(kStreets) + " " + rng.pick(kStreetTypes);
        p.town = "Leicester";
        p.postcode = std::string(rng.pick(kDistricts)) + " " + std::to_string(rng.below(10)) + "AB";
        r.pupils.push_back(p);
    }
    for (int i = 0; i < 3500; ++i) {
        const Pupil& child = r.pupils[static_cast<std::size_t>(i) % r.pupils.size()];
        Contact c;
        c.upn = child.upn;
        c.contact_name = std::string(i % 2 ? "Mr " : "Mrs ") + rng.pick(kAdultForenames) + " " + child.surname;
        c.relationship = i % 2 ? "Father" : "Mother";
        c.email = "parent" + std::to_string(i) + "@parents.example";
        c.phone = "07700 9" + std::to_string(10000 + i).substr(0, 5);
        r.contacts.push_back(c);
    }
    for (int i = 0; i < 80; ++i) {
        r.staff.push_back({std::string(rng.pick(kAdultForenames)) + " Staffname" + std::to_string(i),
                           "staff" + std::to_string(i) + "@school.example"});
    }
    return r;
}

// School-like text: mostly prose, with a name, a date or a number in some sentences.
// `pii_percent` of sentences carry pupil data (0: a newsletter, nobody named).
std::string make_text(Rng& rng, const Roster& roster, std::size_t bytes, std::size_t pii_percent = 12) {
    std::string t;
    t.reserve(bytes + 512);
    while (t.size() < bytes) {
        const std::size_t roll = rng.below(100) * 12 / std::max<std::size_t>(pii_percent, 1) + (pii_percent == 0 ? 12 : 0);
        const Pupil& p = roster.pupils[rng.below(roster.pupils.size())];
        if (roll < 6) {
            t += p.forename + " " + p.surname + " has worked hard this week. ";
        } else if (roll < 9) {
            t += p.forename + " was a little upset at lunch but is fine now. ";
        } else if (roll < 10) {
            t += "Date of birth: " + p.dob.substr(8, 2) + "/" + p.dob.substr(5, 2) + "/" + p.dob.substr(0, 4) + ". ";
        } else if (roll < 11) {
            t += "Mum's mobile is 07700 900" + std::to_string(100 + rng.below(900)) + ". ";
        } else if (roll < 12) {
            t += "Mrs " + roster.contacts[rng.below(roster.contacts.size())].contact_name.substr(4) + " phoned the office. ";
        } else {
            t += rng.pick(kProse);
        }
    }
    return t;
}

// CPU time of this thread: "MB/s per core" stays meaningful on a machine shared with
// other work (wall-clock time would count the time other processes held the core).
struct CpuClock {
    using time_point = double;
    static double now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    }
};

double seconds_since(double t0) { return CpuClock::now() - t0; }

// Fastest of a few runs: on a shared machine the slower runs measure the neighbours.
constexpr int kRuns = 3;
template <typename F>
double best_seconds(F&& f) {
    double best = 1e30;
    for (int r = 0; r < kRuns; ++r) {
        const double t = CpuClock::now();
        f();
        best = std::min(best, seconds_since(t));
    }
    return best;
}

// --- the alternatives the name matcher was measured against --------------------------
struct AhoCorasick {
    static constexpr int kClasses = 32;
    std::vector<std::array<int, kClasses>> go;
    std::vector<int> out;
    static int cls(unsigned char c) {
        if (c >= 'a' && c <= 'z') return c - 'a' + 1;
        if (c == ' ') return 27;
        if (c == ',') return 28;
        if (c == '\'') return 29;
        if (c == '-') return 30;
        return 0;
    }
    explicit AhoCorasick(const std::vector<std::string>& patterns) {
        go.emplace_back();
        go[0].fill(-1);
        out.push_back(0);
        std::vector<int> fail(1, 0);
        for (const auto& p : patterns) {
            int s = 0;
            for (unsigned char c : p) {
                const int k = cls(c);
                if (go[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)] < 0) {
                    go[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)] = static_cast<int>(go.size());
                    go.emplace_back();
                    go.back().fill(-1);
                    out.push_back(0);
                    fail.push_back(0);
                }
                s = go[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)];
            }
            out[static_cast<std::size_t>(s)] = 1;
        }
        std::vector<int> queue;
        for (int k = 0; k < kClasses; ++k) {
            int& t = go[0][static_cast<std::size_t>(k)];
            if (t < 0) t = 0; else queue.push_back(t);
        }
        for (std::size_t qi = 0; qi < queue.size(); ++qi) {
            const int r = queue[qi];
            for (int k = 0; k < kClasses; ++k) {
                int& u = go[static_cast<std::size_t>(r)][static_cast<std::size_t>(k)];
                const int via = go[static_cast<std::size_t>(fail[static_cast<std::size_t>(r)])][static_cast<std::size_t>(k)];
                if (u < 0) {
                    u = via;
                } else {
                    fail[static_cast<std::size_t>(u)] = via;
                    out[static_cast<std::size_t>(u)] |= out[static_cast<std::size_t>(via)];
                    queue.push_back(u);
                }
            }
        }
    }
    std::size_t count(const std::string& folded) const {
        std::size_t hits = 0;
        int s = 0;
        for (unsigned char c : folded) {
            s = go[static_cast<std::size_t>(s)][static_cast<std::size_t>(cls(c))];
            hits += static_cast<std::size_t>(out[static_cast<std::size_t>(s)]);
        }
        return hits;
    }
};

void compare_matchers(const RosterIndex& index, const Roster& roster, const std::string& text) {
    std::vector<std::string> patterns;
    for (const auto& p : roster.pupils) {
        patterns.push_back(fold_text(p.forename + " " + p.surname));
        patterns.push_back(fold_text(p.surname) + ", " + fold_text(p.forename));
        patterns.push_back(fold_text(p.forename));
    }
    for (const auto& c : roster.contacts) {
        const auto parts = parse_person_name(c.contact_name);
        patterns.push_back(fold_text(parts.forename + " " + parts.surname));
        patterns.push_back(fold_text(parts.surname) + ", " + fold_text(parts.forename));
    }

    auto t0 = CpuClock::now();
    TokenizedText tokens;
    tokenize_names(text, tokens);
    std::vector<std::int32_t> ids;
    index.names().lookup(tokens, ids);
    std::size_t matches = 0;
    for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
        NameMatch m;
        if (index.names().match_at(tokens, ids, i, m)) ++matches, i = m.last;
    }
    double s = seconds_since(t0);
    std::printf("  token hashing (chosen)          %8.0f MB/s  %zu matches, %zu patterns\n", text.size() / s / 1e6, matches,
                index.names().pattern_count());

    const AhoCorasick ac(patterns);
    t0 = CpuClock::now();
    const std::string folded = fold_text(text);
    const std::size_t ac_hits = ac.count(folded);
    s = seconds_since(t0);
    std::printf("  Aho-Corasick over folded text   %8.0f MB/s  %zu raw hits (no word boundaries), %zu states, folding included\n",
                text.size() / s / 1e6, ac_hits, ac.go.size());

    // PCRE2: a 1,000-name alternation (all names do not fit a compiled pattern) on 2 MB.
    std::string re = "\\b(?:";
    for (std::size_t i = 0; i < 1000 && i < patterns.size(); ++i) re += (i ? "|" : "") + patterns[i];
    re += ")\\b";
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(re.data()), re.size(), PCRE2_CASELESS, &err, &off, nullptr);
    if (!code) {
        std::printf("  PCRE2 alternation               does not compile (error %d)\n", err);
        return;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    const std::size_t len = std::min<std::size_t>(text.size(), 2 << 20);
    std::size_t at = 0, pcre_hits = 0;
    t0 = CpuClock::now();
    while (pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), len, at, 0, md, nullptr) > 0) {
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        ++pcre_hits;
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    s = seconds_since(t0);
    std::printf("  PCRE2 JIT alternation, 1/%zu of the names  %5.1f MB/s  (%zu hits in 2 MB)\n",
                patterns.size() / 1000, len / s / 1e6, pcre_hits);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t megabytes = argc > 1 ? static_cast<std::size_t>(std::atoi(argv[1])) : 16;
    Rng rng;
    const Roster roster = make_roster(rng);
    auto t0 = CpuClock::now();
    const auto index = RosterIndex::build(roster);
    std::printf("roster: %zu pupils, %zu contacts, %zu staff; index built in %.1f ms\n", roster.pupils.size(),
                roster.contacts.size(), roster.staff.size(), seconds_since(t0) * 1e3);

    const std::string text = make_text(rng, roster, megabytes << 20);
    std::printf("text: %.1f MB of school prose\n", text.size() / 1e6);
    const bool scan_only = std::getenv("BENCH_SCAN_ONLY") != nullptr;  // for profiling the scanner alone
    if (!scan_only) {
        std::printf("\nname matchers on the same text:\n");
        compare_matchers(*index, roster, text);
    }

    // Where the time goes: each stage alone over the whole text.
    if (!scan_only) {
        std::printf("\nstages alone over the whole text:\n");
        auto stage = [&](const char* name, auto&& f) {
            std::size_t n = 0;
            const double secs = best_seconds([&] { n = f(); });
            std::printf("  %-34s %8.0f MB/s  (%zu)\n", name, text.size() / secs / 1e6, n);
        };
        const CivilDate today{2025, 3, 14};
        const auto runs = digit_runs(text);
        stage("digit runs", [&] { return digit_runs(text).size(); });
        stage("number family (windows + PCRE2)", [&] {
            return find_number_candidates(text, family_windows(text, runs, WindowFamily::numbers)).size();
        });
        stage("date family (windows + PCRE2)", [&] {
            return find_date_candidates(text, family_windows(text, runs, WindowFamily::dates), today).size();
        });
        stage("place family (windows + PCRE2)", [&] {
            const auto p = find_place_candidates(text, family_windows(text, runs, WindowFamily::places));
            return p.postcodes.size() + p.streets.size();
        });
        stage("message regions", [&] { return find_message_regions(text).signatures.size(); });
        stage("tokenize", [&] {
            TokenizedText t;
            tokenize_names(text, t);
            return t.tokens.size();
        });
    }

    ScanContext context;
    context.sender = {"staff1@school.example", "Staff Member"};
    context.recipients = {{"office@supplier.example", ""}};
    context.school_address = "Pembury Lane, Leicester LE4 1FX";
    context.school_phones = {"0116 496 0720"};
    context.internal_domains = {"school.example"};
    ScanSettings settings;
    if (const char* kinds = std::getenv("BENCH_KINDS")) {  // e.g. BENCH_KINDS=person_name,phone for profiling
        std::string list = kinds;
        for (std::size_t at = 0; at <= list.size();) {
            const std::size_t end = std::min(list.find(',', at), list.size());
            PiiKind k;
            if (parse_kind(list.substr(at, end - at), k)) settings.kinds.push_back(k);
            at = end + 1;
        }
    }
    const Scanner scanner(settings, index);

    const std::size_t kPiece = std::getenv("BENCH_PIECE_KB") ? std::stoul(std::getenv("BENCH_PIECE_KB")) << 10 : 8 << 10;  // message-sized pieces
    if (!scan_only) {
        std::printf("\neach detector alone, 8 KiB pieces (shared stages counted in each):\n");
        for (const char* kind : {"person_name", "dob", "address", "postcode", "upn", "uln", "nhs_number", "nino", "phone", "email"}) {
            ScanSettings one;
            PiiKind k;
            parse_kind(kind, k);
            one.kinds = {k};
            const Scanner single(one, index);
            std::size_t n = 0;
            const double secs = best_seconds([&] {
                n = 0;
                for (std::size_t at = 0; at < text.size(); at += kPiece) {
                    n += single.scan_text(std::string_view(text).substr(at, kPiece), "body", context).size();
                }
            });
            std::printf("  %-12s %8.0f MB/s  (%zu)\n", kind, text.size() / secs / 1e6, n);
        }
    }

    std::map<std::string, std::size_t> per_kind;
    std::size_t findings = 0;
    const bool plain_only = std::getenv("BENCH_PLAIN_ONLY") != nullptr;  // for profiling
    double s = best_seconds([&] {
        per_kind.clear();
        findings = 0;
        for (std::size_t at = 0; at < text.size() && !plain_only; at += kPiece) {
            for (const Finding& f : scanner.scan_text(std::string_view(text).substr(at, kPiece), "body", context)) {
                ++findings;
                ++per_kind[std::string(kind_name(f.kind))];
            }
        }
    });
    std::printf("\nscan_text, all detectors, school text (12%% of sentences with pupil data), %zu KiB pieces, one thread: "
                "%.0f MB/s per core, %zu findings\n",
                kPiece >> 10, text.size() / s / 1e6, findings);
    for (const auto& [kind, n] : per_kind) std::printf("  %-12s %zu\n", kind.c_str(), n);

    t0 = CpuClock::now();
    const std::size_t whole = plain_only ? 0 : scanner.scan_text(text, "body", context).size();
    s = seconds_since(t0);
    std::printf("scan_text, all detectors, one %.0f MB text: %.0f MB/s, %zu findings\n", text.size() / 1e6,
                text.size() / s / 1e6, whole);

    // Plain prose: the same sentences with nobody named (most outbound mail: newsletters,
    // trip letters, supplier orders). Still full of dates, times, prices and numbers.
    const std::string plain = make_text(rng, roster, megabytes << 20, 0);
    const int repeat = std::getenv("BENCH_REPEAT") ? std::atoi(std::getenv("BENCH_REPEAT")) : 1;  // for profiling
    s = best_seconds([&] {
        for (int r = 0; r < repeat; ++r) {
            findings = 0;
            for (std::size_t at = 0; at < plain.size(); at += kPiece) {
                findings += scanner.scan_text(std::string_view(plain).substr(at, kPiece), "body", context).size();
            }
        }
    }) / repeat;
    std::printf("scan_text, all detectors, plain prose (no pupil data), %zu KiB pieces: %.0f MB/s per core, %zu findings\n",
                kPiece >> 10, plain.size() / s / 1e6, findings);
    return 0;
}
