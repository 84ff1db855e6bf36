// `chaperone check`: the milter's decision offline, with the roster from the store; the JSON
// contract (verdict, rules, findings) plus attachments with protection and limits reached.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::test;
using nlohmann::json;

namespace {

std::string policy_fixture(const std::string& name) { return tests_path("fixtures/policy/" + name).string(); }

struct CheckBench {
    CheckBench() : archive("check-cli", false, "[policy]\npupil_accounts = [\"*@pupils.school.example\"]\n") {
        config = " --config " + archive.config_file().string();
        auto import = run_cli("roster import --students " + policy_fixture("students.csv") + " --contacts " +
                              policy_fixture("contacts.csv") + " --staff " + policy_fixture("staff.csv") + config);
        INFO(import.err);
        REQUIRE(import.exit_code == 0);
    }
    CliResult check(const std::string& from, const std::string& to, const std::string& message) const {
        return run_cli("check --json --from " + from + " --to " + to + config + " " +
                       policy_fixture("messages/" + message + ".eml"));
    }
    TestArchive archive;
    std::string config;
};

}  // namespace

TEST_CASE("check judges with the stored roster, as the milter does", "[check][cli]") {
    CheckBench bench;
    auto own = bench.check("j.bloggs@school.example", "helen.thornbury@parents.example", "own-children");
    INFO(own.err);
    CHECK(own.exit_code == 0);
    json j = json::parse(own.out);
    CHECK(j["verdict"] == "deliver");
    CHECK(j["rules"] == json::array());
    CHECK(j["roster_version"] == 1);
    CHECK(j["footer"] == "added");
    REQUIRE_FALSE(j["findings"].empty());
    CHECK(j["findings"][0]["pupils"].is_array());  // the roster ties the names to pupils

    auto other = bench.check("j.bloggs@school.example", "helen.thornbury@parents.example", "other-family");
    CHECK(other.exit_code == 1);
    json o = json::parse(other.out);
    CHECK(o["verdict"] == "quarantine");
    CHECK(o["rules"] == json::array({"pii-in-body", "other-family"}));
    CHECK(o["rule_details"][1]["reason"] ==
          "a message to a parent mentions another family's child (one family per email); check the recipient's address");

    auto pupil = bench.check("maisie.t@pupils.school.example", "friend@mail.example", "pupil-external");
    CHECK(pupil.exit_code == 1);
    CHECK(json::parse(pupil.out)["verdict"] == "reject");
}

TEST_CASE("check shows attachments with their protection, and limits reached", "[check][cli]") {
    CheckBench bench;
    auto zip = bench.check("j.bloggs@school.example", "admissions@council.example", "protected-zip");
    CHECK(zip.exit_code == 0);
    json z = json::parse(zip.out);
    REQUIRE(z["attachments"].size() == 2);
    CHECK(z["attachments"][0]["name"] == "aes.zip");
    CHECK(z["attachments"][0]["protection"] == "aes");
    CHECK(z["attachments"][1]["name"] == "aes.zip/pupil-details.txt");
    CHECK(z["limits"] == json::array());

    auto weak = bench.check("j.bloggs@school.example", "admissions@council.example", "zipcrypto");
    json w = json::parse(weak.out);
    CHECK(w["verdict"] == "deliver");
    CHECK(w["rules"] == json::array({"weak-protection"}));
    CHECK(w["attachments"][0]["protection"] == "zipcrypto");

    auto damaged = bench.check("j.bloggs@school.example", "admissions@council.example", "damaged-attachment");
    json d = json::parse(damaged.out);
    CHECK(d["verdict"] == "quarantine");
    CHECK(d["attachments"][0]["protection"] == "unreadable");
    CHECK_FALSE(d["attachments"][0]["detail"].get<std::string>().empty());
}

TEST_CASE("check needs the store like the milter; bad input is one line, exit 2", "[check][cli]") {
    ScratchDir dir("check-nokeys");
    write_file(dir / "c.toml", "[school]\ninternal_domains = [\"school.example\"]\n[storage]\ndir = \"" +
                                   (dir / "store").string() + "\"\n");
    std::string args = "check --json --from a@school.example --to b@x.example --config " + (dir / "c.toml").string() +
                       " " + policy_fixture("messages/no-pii.eml");
    // A fresh store gets its keys at first use; one whose keys were lost is refused.
    auto fresh = run_cli(args);
    CHECK(fresh.exit_code == 0);
    CHECK_THAT(fresh.out, Catch::Contains("\"verdict\": \"deliver\""));
    std::filesystem::remove_all(dir / "store" / "keys");
    auto r = run_cli(args);
    CHECK(r.exit_code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains("archive.pub"));
    CheckBench bench;
    auto missing = run_cli("check --from a@school.example --to b@x.example" + bench.config + " /nonexistent.eml");
    CHECK(missing.exit_code == 2);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
    CHECK_THAT(missing.err, Catch::StartsWith("chaperone: /nonexistent.eml: "));
}
