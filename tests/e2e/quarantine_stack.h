// The end-to-end stack of the quarantine tests (header-only: the e2e CMake builds every
// *_test.cpp plus a fixed list of support files): smtp-sink, chaperone-milter on an inet
// socket with the policy fixture roster imported before it starts, and a private Postfix
// whose milter-less release listener is the milter's [release] relay.
//
// Unlike E2EStack the milter can be killed and restarted (with a test crash point set via
// CHAPERONE_TEST_CRASH_AT, or without), keeping its socket, store and config; and the
// `chaperone` CLI runs against the same config.
#pragma once

#include <signal.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "captured_mail.h"
#include "e2e_stack.h"
#include "milter_process.h"
#include "postfix_instance.h"
#include "test_support.h"

namespace chaperone::test {

inline std::filesystem::path policy_fixture(const std::string& name) { return tests_path("fixtures/policy/" + name); }

class QuarantineStack {
public:
    explicit QuarantineStack(const std::string& name, const std::string& extra_config = "")
        : dir_(std::filesystem::path(CHAPERONE_BINARY_DIR) / "e2e" / (name + "-" + std::to_string(getpid()))),
          sink_((std::filesystem::remove_all(dir_), std::filesystem::create_directories(dir_), dir_ / "sink"), free_port()) {
        if (!sink_.ready()) {
            error = "smtp-sink did not start";
            return;
        }
        release_port_ = free_port();
        milter_port_ = free_port();
        while (milter_port_ == release_port_) milter_port_ = free_port();
        std::filesystem::create_directories(dir_ / "milter");
        config_file_ = dir_ / "milter" / "chaperone.toml";
        std::ofstream config(config_file_);
        config << "[milter]\nsocket = \"inet:" << milter_port_ << "@127.0.0.1\"\nlog_level = \"debug\"\n"
               << e2e_config("[policy]\npupil_accounts = [\"*@pupils.school.example\"]\n"
                             "[release]\nrelay = \"127.0.0.1:" + std::to_string(release_port_) + "\"\ntimeout_seconds = 20\n" +
                             extra_config);
        config.close();
        RunResult keys = cli({"keys", "init"});
        if (keys.exit_code != 0) {
            error = "chaperone keys init failed: " + keys.output;
            return;
        }
        RunResult roster = cli({"roster", "import", "--students", policy_fixture("students.csv").string(), "--contacts",
                                policy_fixture("contacts.csv").string(), "--staff", policy_fixture("staff.csv").string()});
        if (roster.exit_code != 0) {
            error = "chaperone roster import failed: " + roster.output;
            return;
        }
        error = start_milter();
        if (!error.empty()) return;
        PostfixOptions options;
        options.smtpd_milters = "inet:127.0.0.1:" + std::to_string(milter_port_);
        options.sink_port = sink_.port();
        options.release_port = release_port_;
        postfix = std::make_unique<PostfixInstance>(dir_ / "postfix", options);
        error = postfix->start();
    }

    ~QuarantineStack() {
        postfix.reset();
        milter_.stop();
    }

    // Starts chaperone-milter; `crash_at` sets CHAPERONE_TEST_CRASH_AT for this run only.
    std::string start_milter(const std::string& crash_at = "") {
        if (!crash_at.empty()) ::setenv("CHAPERONE_TEST_CRASH_AT", crash_at.c_str(), 1);
        milter_ = Process({binary("chaperone-milter").string(), "--config", config_file_.string()},
                          dir_ / "milter" / ("milter-" + std::to_string(++starts_) + ".log"));
        ::unsetenv("CHAPERONE_TEST_CRASH_AT");
        bool up = wait_until([&] { return !milter_.running() || port_open(milter_port_); }, std::chrono::seconds(15));
        if (!up || !milter_.running()) return "chaperone-milter did not start";
        return "";
    }
    void kill_milter() { milter_.kill_now(); }
    bool milter_running() { return milter_.running(); }
    // Waits for a milter that is due to crash (a crash point) to be gone.
    bool wait_milter_exit(std::chrono::milliseconds timeout) { return milter_.wait_for_exit(timeout).has_value(); }

    RunResult cli(std::vector<std::string> args) const {
        args.insert(args.begin(), binary("chaperone").string());
        args.push_back("--config");
        args.push_back(config_file_.string());
        return run_command(args, std::chrono::seconds(60));
    }

    SendResult send(const std::string& from, const std::string& to, const std::filesystem::path& message) const {
        return send_with_swaks(postfix->smtpd_port(), from, to, message);
    }

    const SmtpSink& sink() const { return sink_; }
    const std::filesystem::path& dir() const { return dir_; }
    int starts() const { return starts_; }

    std::unique_ptr<PostfixInstance> postfix;
    std::string error;

private:
    std::filesystem::path dir_;
    SmtpSink sink_;
    std::filesystem::path config_file_;
    int release_port_ = 0;
    int milter_port_ = 0;
    int starts_ = 0;
    Process milter_;
};

// What the sink captured, sorted: original messages by Message-ID (without <>), and notices.
struct SinkContents {
    std::map<std::string, int> originals;  // Message-ID -> copies
    std::vector<std::filesystem::path> notices;
    std::vector<std::filesystem::path> original_files;
};

inline SinkContents sink_contents(const SmtpSink& sink) {
    SinkContents out;
    for (const auto& file : sink.files()) {
        std::string raw = read_file(file);
        std::string head = raw.substr(0, raw.find("\n\n"));
        if (head.find("\nX-Chaperone-Notice:") != std::string::npos) {
            out.notices.push_back(file);
            continue;
        }
        auto pos = head.find("\nMessage-ID: <");
        if (pos == std::string::npos) pos = head.find("\nMessage-Id: <");
        std::string id = pos == std::string::npos ? "" : head.substr(pos + 14, head.find('>', pos) - pos - 14);
        ++out.originals[id];
        out.original_files.push_back(file);
    }
    return out;
}

}  // namespace chaperone::test
