// Private Postfix instance and capturing sink for end-to-end tests; see postfix_instance.h.
#include "postfix_instance.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace chaperone::test {
namespace fs = std::filesystem;

PostfixInstance::PostfixInstance(fs::path dir, PostfixOptions options)
    : dir_(std::move(dir)), config_dir_(dir_ / "etc"), options_(std::move(options)) {
    fs::create_directories(dir_);
    smtpd_port_ = free_port();
    // A fixed release port lets the milter's config name it before Postfix exists.
    release_port_ = options_.release_port ? options_.release_port : free_port();
    while (release_port_ == smtpd_port_) smtpd_port_ = free_port();
}

PostfixInstance::~PostfixInstance() { stop(); }

static fs::path sandbox_script() {
    return fs::path(CHAPERONE_TESTS_DIR).parent_path() / "contrib" / "sandbox" / "postfix-sandbox.sh";
}

std::string PostfixInstance::start() {
    // contrib/sandbox/postfix-sandbox.sh writes the private instance's main.cf/master.cf:
    // the demo, the benchmark and these tests all run the same Postfix setup.
    std::vector<std::string> argv = {sandbox_script().string(), "start", dir_.string(),
                                     "--smtpd-port", std::to_string(smtpd_port_),
                                     "--release-port", std::to_string(release_port_),
                                     "--sink-port", std::to_string(options_.sink_port),
                                     "--milter", options_.smtpd_milters,
                                     "--lifetime", std::to_string(options_.lifetime_seconds),
                                     "--set", "milter_default_action=" + options_.milter_default_action};
    for (const auto& [k, v] : options_.extra) {
        argv.push_back("--set");
        argv.push_back(k + "=" + v);
    }
    started_ = true;
    RunResult r = run_command(argv, std::chrono::seconds(60));
    if (r.exit_code != 0) return "postfix sandbox did not start: " + r.output + "\n" + log_text();
    return "";
}

void PostfixInstance::stop() {
    if (!started_) return;
    started_ = false;
    run_command({sandbox_script().string(), "stop", dir_.string()}, std::chrono::seconds(30));
}

std::string PostfixInstance::log_text() const {
    std::ifstream in(log_file());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int PostfixInstance::queue_count() const {
    int count = 0;
    for (const char* q : {"incoming", "active", "deferred", "hold", "maildrop"}) {
        fs::path path = dir_ / "spool" / q;
        std::error_code ec;
        if (!fs::exists(path, ec)) continue;
        for (auto it = fs::recursive_directory_iterator(path, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file(ec)) ++count;
    }
    return count;
}

void PostfixInstance::flush() {
    run_command({sandbox_script().string(), "flush", dir_.string()}, std::chrono::seconds(20));
}

SmtpSink::SmtpSink(fs::path dir, int port) : dir_(std::move(dir)), port_(port) {
    fs::create_directories(dir_);
    run_command({"chown", "postfix:postfix", dir_.string()}, std::chrono::seconds(10));
    // -u: smtp-sink refuses to run as root; -d: one file per message; -t: bounded commands.
    process_ = Process({"/usr/sbin/smtp-sink", "-u", "postfix", "-d", (dir_ / "%Y%m%d%H%M%S.").string(),
                        "-t", "30", "127.0.0.1:" + std::to_string(port_), "64"},
                       dir_.parent_path() / "smtp-sink.log");
    wait_until([&] { return ready(); }, std::chrono::seconds(10));
}

bool SmtpSink::ready() const { return port_open(port_); }

std::vector<fs::path> SmtpSink::files() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec))
        if (entry.is_regular_file()) out.push_back(entry.path());
    std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
        return fs::last_write_time(a) < fs::last_write_time(b);
    });
    return out;
}

std::size_t SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    wait_until([&] { return files().size() >= count; }, timeout);
    // A dump file is complete when the sink closes it; give the last one a moment.
    struct timespec ts {0, 200 * 1000 * 1000};
    nanosleep(&ts, nullptr);
    return files().size();
}

}  // namespace chaperone::test
