// `chaperone report`: the weekly incident figures for governors, from the milter's counts,
// the quarantine's audit records and the case files; JSON shape, per-rule figures, bad
// flags as one line and exit 2.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive/web/dashboard_figures.h"
#include "archive_test_support.h"

using namespace chaperone;
using chaperone::test::run_cli;
using chaperone::test::TestArchive;
using nlohmann::json;

TEST_CASE("cli report: weekly figures and per-rule counts as text and JSON", "[cli][report]") {
    TestArchive archive("cli-report", false);
    auto store = archive.open(archive::StoreRole::milter);
    std::string today = archive::web::day_string(archive::web::today_days_utc());
    std::string three_weeks_ago = archive::web::day_string(archive::web::today_days_utc() - 21);
    REQUIRE(store->counters()
                .add({{today, archive::CounterEvent::scanned, "", 40},
                      {today, archive::CounterEvent::delivered, "", 37},
                      {today, archive::CounterEvent::rejected, "", 3},
                      {today, archive::CounterEvent::rejected, "pupil-external", 3},
                      {three_weeks_ago, archive::CounterEvent::scanned, "", 12}})
                .is_ok());
    std::string config = " --config " + archive.config_file().string();

    auto r = run_cli("report --json --weeks 4" + config);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    REQUIRE(j["weeks"].size() == 4);
    CHECK(j["weeks"][3]["scanned"] == 40);
    CHECK(j["weeks"][0]["scanned"] == 12);
    CHECK(j["totals"]["scanned"] == 52);
    CHECK(j["totals"]["delivered"] == 37);
    CHECK(j["totals"]["rejected"] == 3);
    CHECK(j["rules"]["pupil-external"]["rejected"] == 3);
    CHECK(j["waiting_for_review"] == 0);

    // Only this week: the older figures fall outside.
    auto one = run_cli("report --json --weeks 1" + config);
    REQUIRE(one.exit_code == 0);
    CHECK(json::parse(one.out)["totals"]["scanned"] == 40);

    auto text = run_cli("report" + config);
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("the last 12 week(s)"));
    CHECK_THAT(text.out, Catch::Contains("pupil-external"));
    CHECK_THAT(text.out, Catch::Contains("waiting for the DPO now: 0"));

    for (const char* bad : {"report --weeks 0", "report --weeks many", "report --weeks 500", "report extra"}) {
        auto e = run_cli(std::string(bad) + config);
        INFO(bad);
        CHECK(e.exit_code == 2);
        CHECK(e.out.empty());
        CHECK(std::count(e.err.begin(), e.err.end(), '\n') == 1);
    }
}
