// miltertest, a second and independent milter-protocol client, against chaperone-milter:
// external mail footed, internal untouched, and a tiny disclaimer file so the replacement
// body stays under miltertest's 1 KB reply limit.
#include <catch2/catch.hpp>

#include <fstream>

#include "milter_process.h"
#include "test_support.h"

using namespace chaperone::test;

namespace {
RunResult miltertest(const MilterProcess& milter, const std::string& rcpt, const std::string& expect,
                     const std::string& extra_define = "") {
    std::vector<std::string> argv = {"miltertest", "-s", tests_path("e2e/miltertest/transaction.lua").string(),
                                     "-D", "SOCKET=" + milter.postfix_spec(), "-D", "RCPT=" + rcpt,
                                     "-D", "EXPECT=" + expect};
    if (!extra_define.empty()) {
        argv.push_back("-D");
        argv.push_back(extra_define);
    }
    return run_command(argv, std::chrono::seconds(60));
}
}  // namespace

TEST_CASE("miltertest: external footed, internal untouched", "[e2e][miltertest]") {
    ScratchDir dir("miltertest");
    std::ofstream(dir / "disclaimer.txt") << "Pembury Lane Primary School: confidential.\n";
    MilterProcess milter(dir / "milter",
                         "[school]\ninternal_domains = [\"school.example\"]\n[storage]\ndir = \"store\"\n"
                         "[disclaimer]\ntext_file = \"" + (dir / "disclaimer.txt").string() + "\"\n");
    REQUIRE(milter.wait_ready() == "");

    RunResult external = miltertest(milter, "parent@parents.example", "footer");
    INFO(external.output << milter.log_text());
    CHECK(external.exit_code == 0);
    CHECK(external.output.find("miltertest: footer ok") != std::string::npos);

    RunResult internal = miltertest(milter, "office@school.example", "untouched");
    INFO(internal.output);
    CHECK(internal.exit_code == 0);

    // An MTA that does not let the milter change bodies gets tempfail, never a silent pass.
    RunResult no_body_changes = miltertest(milter, "parent@parents.example", "tempfail", "ACTIONS=0x01");
    INFO(no_body_changes.output << milter.log_text());
    CHECK(no_body_changes.exit_code == 0);
    CHECK(milter.log_text().find("does not offer header and body changes") != std::string::npos);

    // A negative control: the script must fail when its expectation is wrong.
    RunResult wrong = miltertest(milter, "office@school.example", "footer");
    CHECK(wrong.exit_code != 0);
}
