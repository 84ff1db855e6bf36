// A private Postfix on 127.0.0.1 for end-to-end tests, run by contrib/sandbox/postfix-sandbox.sh:
// its own config, queue and data directories and log file under a scratch directory, never
// the system instance.
//
//   PostfixInstance postfix(dir, options);   // writes main.cf / master.cf
//   REQUIRE(postfix.start());                // postfix check, then master -w
//   ... send to 127.0.0.1:postfix.smtpd_port() ...
//   (destructor: postfix stop, then the master is killed by PID if still there)
//
// Everything is relayed to 127.0.0.1:sink_port (an smtp-sink the test runs); nothing is
// delivered locally and no DNS is used. A second smtpd on release_port() has no milters:
// it is the [release] relay for quarantined mail that a DPO releases.
// Requires root (the Postfix master) like any Postfix; CI runs as root.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "process.h"

namespace chaperone::test {

struct PostfixOptions {
    std::string smtpd_milters;        // e.g. "unix:/path/milter.sock"; empty: no milter
    std::string non_smtpd_milters;
    std::string milter_default_action = "tempfail";
    int sink_port = 0;                // where everything is relayed
    int release_port = 0;             // the milter-less listener ([release] relay); 0: pick a free one
    std::map<std::string, std::string> extra;  // more main.cf settings
    int lifetime_seconds = 600;       // master -e: the instance ends itself after this
};

class PostfixInstance {
public:
    PostfixInstance(std::filesystem::path dir, PostfixOptions options);
    ~PostfixInstance();
    PostfixInstance(const PostfixInstance&) = delete;
    PostfixInstance& operator=(const PostfixInstance&) = delete;

    // Returns an empty string on success, else what went wrong (with the log's tail).
    std::string start();
    void stop();

    int smtpd_port() const { return smtpd_port_; }
    int release_port() const { return release_port_; }
    const std::filesystem::path& config_dir() const { return config_dir_; }
    std::filesystem::path log_file() const { return dir_ / "log" / "postfix.log"; }
    std::string log_text() const;
    // Messages still in the queue (incoming, active, deferred, hold, maildrop).
    int queue_count() const;
    // Asks the queue manager to retry deferred mail now.
    void flush();

private:
    std::filesystem::path dir_;
    std::filesystem::path config_dir_;
    PostfixOptions options_;
    int smtpd_port_ = 0;
    int release_port_ = 0;
    bool started_ = false;
};

// An smtp-sink that writes every received message to its own file in `dir`.
class SmtpSink {
public:
    SmtpSink(std::filesystem::path dir, int port);
    ~SmtpSink() = default;
    int port() const { return port_; }
    bool ready() const;
    // Paths of captured messages, oldest first.
    std::vector<std::filesystem::path> files() const;
    // Waits until at least `count` messages were captured; returns the count seen.
    std::size_t wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

private:
    std::filesystem::path dir_;
    int port_;
    Process process_;
};

}  // namespace chaperone::test
