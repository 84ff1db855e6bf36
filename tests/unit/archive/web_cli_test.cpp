// `chaperone user ...` and `chaperone serve` as a subprocess: exit codes, one-line errors,
// passwords from stdin, and the listen policy refused before anything is served.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive/web/password.h"
#include "archive_test_support.h"

using namespace chaperone;
using chaperone::test::run_cli;
using chaperone::test::TestArchive;

namespace {

// `printf '%s\n' STDIN | chaperone ARGS`, capturing the exit code and stderr.
test::CliResult run_with_stdin(const std::string& args, const std::string& input) {
    test::ScratchDir dir("cli-stdin");
    test::write_file(dir / "in", input);
    std::string command = fmt::format("{}/bin/chaperone {} <{} >{} 2>{}", CHAPERONE_BINARY_DIR, args, (dir / "in").string(),
                                      (dir / "out").string(), (dir / "err").string());
    int status = std::system(command.c_str());
    test::CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = test::read_file(dir / "out");
    r.err = test::read_file(dir / "err");
    return r;
}

}  // namespace

TEST_CASE("cli user: add, list, passwd, role, disable, enable; errors are one line, exit 2", "[web][cli]") {
    TestArchive archive("web-cli-user", false);
    std::string config = " --config " + archive.config_file().string();

    auto added = run_with_stdin("user add j.smith --role dpo --password-stdin" + config, "correct horse battery\n");
    INFO(added.err);
    CHECK(added.exit_code == 0);
    CHECK(added.out == "added j.smith (dpo)\n");
    auto store = archive.open(archive::StoreRole::admin);
    auto found = store->users().find_user("j.smith");
    REQUIRE(found.is_ok());
    CHECK(found->account.role == archive::UserRole::dpo);
    CHECK(archive::web::verify_password(found->password_hash, "correct horse battery"));
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'user.add' AND target = 'user j.smith' "
                          "AND channel = 'cli'") == 1);

    struct Case {
        std::string args;
        std::string input;
        std::string error;
    };
    const Case errors[] = {
        {"user add j.smith --role office --password-stdin", "another long password\n",
         "chaperone: an account named 'j.smith' already exists\n"},
        {"user add x --role office --password-stdin", "short\n", "chaperone: password not accepted: a password needs at least 10 characters\n"},
        {"user add x --role boss --password-stdin", "long enough password\n",
         "chaperone: --role: expected office, dpo or admin, got 'boss' (see 'chaperone help')\n"},
        {"user add x --password-stdin", "long enough password\n",
         "chaperone: user add: --role office|dpo|admin is required (see 'chaperone help')\n"},
        {"user add 'bad name' --role office --password-stdin", "long enough password\n",
         "chaperone: user add: account names are 1-64 characters of A-Z a-z 0-9 . _ @ - (see 'chaperone help')\n"},
        {"user add y --role office --password-stdin", "", "chaperone: --password-stdin: no password on standard input\n"},
        {"user add y --role office", "", "chaperone: no terminal to ask for the password on; use --password-stdin\n"},
        {"user passwd ghost --password-stdin", "long enough password\n", "chaperone: no account named 'ghost'\n"},
        {"user disable ghost", "", "chaperone: no account named 'ghost'\n"},
        {"user frobnicate x", "", "chaperone: user: unknown subcommand 'frobnicate' (see 'chaperone help')\n"},
    };
    for (const auto& c : errors) {
        INFO(c.args);
        test::CliResult r;
        if (c.args != "user add y --role office") {
            r = run_with_stdin(c.args + config, c.input);
        } else {
            // setsid: no controlling terminal, so there is nowhere to prompt.
            std::string cmd = fmt::format("setsid {}/bin/chaperone {}{} </dev/null >/dev/null 2>{}", CHAPERONE_BINARY_DIR,
                                          c.args, config, (archive.scratch() / "tty.err").string());
            int status = std::system(cmd.c_str());
            r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            r.err = test::read_file(archive.scratch() / "tty.err");
        }
        CHECK(r.exit_code == 2);
        CHECK(r.err == c.error);
    }

    auto passwd = run_with_stdin("user passwd J.Smith --password-stdin" + config, "a new long passphrase\r\n");
    CHECK(passwd.exit_code == 0);
    CHECK(archive::web::verify_password(store->users().find_user("j.smith")->password_hash, "a new long passphrase"));
    CHECK(run_cli("user role j.smith --role admin" + config).exit_code == 0);
    CHECK(run_cli("user disable j.smith" + config).out == "j.smith disabled; its sessions were ended\n");
    auto list = run_cli("user list --json" + config);
    REQUIRE(list.exit_code == 0);
    auto j = nlohmann::json::parse(list.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["name"] == "j.smith");
    CHECK(j[0]["role"] == "admin");
    CHECK(j[0]["disabled"] == true);
    CHECK(j[0]["last_login"] == "");
    CHECK(run_cli("user enable j.smith" + config).exit_code == 0);
    CHECK_THAT(run_cli("user list" + config).out, Catch::StartsWith("j.smith                  admin   active    last login never"));
}

TEST_CASE("cli serve: refuses a public address without TLS, and a missing config, in one line", "[web][cli]") {
    TestArchive archive("web-cli-serve", false);
    std::string config = " --config " + archive.config_file().string();
    auto open = run_cli("serve --listen 0.0.0.0:0" + config);
    CHECK(open.exit_code == 2);
    CHECK(open.err ==
          "chaperone: refusing to serve personal data without TLS on 0.0.0.0: set [web] tls_cert and tls_key, listen on "
          "127.0.0.1 behind a TLS proxy, or set [web] allow_non_loopback_without_tls = true\n");
    auto bad = run_cli("serve --listen nonsense" + config);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "chaperone: [web] listen \"nonsense\": expected HOST:PORT\n");
    auto none = run_cli("serve");
    CHECK(none.exit_code == 2);
    CHECK(none.err == "chaperone: missing --config FILE\n");
}
