// The milter's counts for the dashboard: every judged message is counted as scanned, and as
// delivered or rejected (with its rules); held comes from the quarantine's audit record.
// Counts reach the store in one flush, survive a failed write, and a roster reload keeps
// the same batch (nothing counted before the reload is lost).
#include <catch2/catch.hpp>

#include "milter/counts_flusher.h"
#include "milter/engine.h"
#include "milter/roster_watcher.h"
#include "milter_store_bench.h"

using namespace chaperone;
using namespace chaperone::test;
using archive::CounterEvent;

namespace {

// event -> rule -> count, over today.
std::map<std::string, std::map<std::string, std::int64_t>> figures(MilterBench& bench) {
    auto today = archive::format_iso8601(archive::now_utc()).substr(0, 10);
    auto rows = bench.store->counters().figures(today, today);
    REQUIRE(rows.is_ok());
    std::map<std::string, std::map<std::string, std::int64_t>> out;
    for (const auto& r : *rows) out[std::string(archive::counter_event_name(r.event))][r.rule] += r.count;
    return out;
}

}  // namespace

TEST_CASE("counts: scanned, delivered, rejected with rules; held from the audit; flushed once", "[milter][counts]") {
    MilterBench bench("mcount", "[policy]\npupil_accounts = [\"*@pupils.school.example\"]\n");
    REQUIRE(bench.engine->counts);
    RecordingActions a1, a2, a3, a4;
    REQUIRE(bench.process("no-pii", "j.bloggs@school.example", {"bookings@coaches.example"}, a1).verdict ==
            milter::MtaVerdict::accept);
    REQUIRE(bench.process("no-pii", "j.bloggs@school.example", {"head@school.example"}, a2, "QID2").verdict ==
            milter::MtaVerdict::accept);
    REQUIRE(bench.process("pupil-external", "maisie.t@pupils.school.example", {"friend@mail.example"}, a3, "QID3")
                .verdict == milter::MtaVerdict::reject);
    REQUIRE(bench.process("dob-in-body", "j.bloggs@school.example", {"admissions@council.example"}, a4, "QID4").verdict ==
            milter::MtaVerdict::discard);

    // Nothing is written per message: only the hold's audit record is in the store yet.
    CHECK(figures(bench)["scanned"].empty());
    CHECK(bench.engine->counts->pending() > 0);

    milter::Engine engine(bench.engine);
    milter::CountsFlusher flusher(engine);
    flusher.flush_now();
    CHECK(bench.engine->counts->pending() == 0);
    auto f = figures(bench);
    CHECK(f["scanned"][""] == 4);
    CHECK(f["delivered"][""] == 2);
    CHECK(f["rejected"][""] == 1);
    CHECK(f["rejected"]["pupil-external"] == 1);
    CHECK(f["held"][""] == 1);
    CHECK(f["held"]["pii-in-body"] == 1);

    // A second flush with nothing new writes nothing more.
    flusher.flush_now();
    CHECK(figures(bench)["scanned"][""] == 4);
}

TEST_CASE("counts: a roster reload keeps the batch; stop() flushes what is left", "[milter][counts]") {
    MilterBench bench("mcount-reload");
    milter::Engine engine(bench.engine);
    auto before = engine.current()->counts;
    engine.current()->counts->count(CounterEvent::scanned);

    // A new roster import: the watcher publishes a new snapshot carrying the same batch.
    auto roster = bench.store->roster().load_roster();
    REQUIRE(roster.is_ok());
    REQUIRE(bench.store->roster().replace_roster(*roster, test_actor()).is_ok());
    milter::RosterWatcher watcher(engine);
    REQUIRE(watcher.check_once());
    CHECK(engine.current() != bench.engine);
    CHECK(engine.current()->counts == before);

    {
        milter::CountsFlusher flusher(engine);
        flusher.start();
        flusher.stop();  // the final flush
    }
    CHECK(figures(bench)["scanned"][""] == 1);
}
