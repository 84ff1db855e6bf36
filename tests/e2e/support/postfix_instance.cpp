// Private Postfix instance and capturing sink for end-to-end tests; see postfix_instance.h.
#include "postfix_instance.h"

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace chaperone::test {
namespace fs = std::filesystem;

PostfixInstance::PostfixInstance(fs::path dir, PostfixOptions options)
    : dir_(std::move(dir)), config_dir_(dir_ / "etc"), options_(std::move(options)) {
    smtpd_port_ = free_port();
    release_port_ = free_port();
    while (release_port_ == smtpd_port_) release_port_ = free_port();
}

PostfixInstance::~PostfixInstance() { stop(); }

void PostfixInstance::write_config() const {
    fs::create_directories(config_dir_);
    fs::create_directories(dir_ / "spool");
    fs::create_directories(dir_ / "data");
    fs::create_directories(dir_ / "log");
    // The postfix user must be able to write its data dir and the log's directory.
    run_command({"chown", "-R", "postfix:postfix", (dir_ / "data").string()}, std::chrono::seconds(10));
    const std::string d = dir_.string();
    std::ofstream main(config_dir_ / "main.cf");
    main << "# Private Postfix instance for a Chaperone end-to-end test.\n"
         << "compatibility_level = 3.6\n"
         << "queue_directory = " << d << "/spool\n"
         << "data_directory = " << d << "/data\n"
         << "meta_directory = /etc/postfix\n"
         << "command_directory = /usr/sbin\n"
         << "daemon_directory = /usr/lib/postfix/sbin\n"
         << "shlib_directory = /usr/lib/postfix\n"
         << "mail_owner = postfix\nsetgid_group = postdrop\n"
         // No syslog in a sandbox: postlogd writes the log file.
         << "maillog_file = " << d << "/log/postfix.log\n"
         << "maillog_file_prefixes = /var, /dev/stdout, " << d << "\n"
         << "syslog_name = chaperone-test\n"
         << "myhostname = mx.school.example\nmydomain = school.example\nmyorigin = $mydomain\n"
         // Nothing is delivered here: every recipient, internal or external, goes to the sink.
         << "mydestination =\nlocal_recipient_maps =\nalias_maps =\nalias_database =\n"
         << "local_transport = error:5.1.1 local delivery is disabled in this test instance\n"
         << "biff = no\nappend_dot_mydomain = no\n"
         << "inet_interfaces = 127.0.0.1\ninet_protocols = ipv4\nmynetworks = 127.0.0.0/8\n"
         << "relay_domains =\nrelayhost = [127.0.0.1]:" << options_.sink_port << "\n"
         << "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n"
         << "smtpd_peername_lookup = no\nsmtp_dns_support_level = disabled\nsmtp_host_lookup = native\n"
         << "smtp_tls_security_level = none\nsmtpd_tls_security_level = none\n"
         << "smtpd_milters = " << options_.smtpd_milters << "\n"
         << "non_smtpd_milters = " << options_.non_smtpd_milters << "\n"
         << "milter_protocol = 6\n"
         << "milter_default_action = " << options_.milter_default_action << "\n"
         << "milter_connect_timeout = 10s\nmilter_command_timeout = 30s\nmilter_content_timeout = 60s\n"
         << "delay_warning_time = 0\nmaximal_queue_lifetime = 1h\nbounce_queue_lifetime = 1h\n"
         << "minimal_backoff_time = 2s\nmaximal_backoff_time = 4s\nqueue_run_delay = 2s\n";
    for (const auto& [k, v] : options_.extra) main << k << " = " << v << "\n";
    std::ofstream master(config_dir_ / "master.cf");
    // chroot off everywhere (column 5): no copies of /etc files in the queue directory.
    master << "127.0.0.1:" << smtpd_port_ << " inet n - n - - smtpd\n"
           << "127.0.0.1:" << release_port_ << " inet n - n - - smtpd -o smtpd_milters= -o non_smtpd_milters=\n"
           << "pickup unix n - n 60 1 pickup\n"
           << "cleanup unix n - n - 0 cleanup\n"
           << "qmgr unix n - n 300 1 qmgr\n"
           << "tlsmgr unix - - n 1000? 1 tlsmgr\n"
           << "rewrite unix - - n - - trivial-rewrite\n"
           << "bounce unix - - n - 0 bounce\n"
           << "defer unix - - n - 0 bounce\n"
           << "trace unix - - n - 0 bounce\n"
           << "verify unix - - n - 1 verify\n"
           << "flush unix n - n 1000? 0 flush\n"
           << "proxymap unix - - n - - proxymap\n"
           << "proxywrite unix - - n - 1 proxymap\n"
           << "smtp unix - - n - - smtp\n"
           << "relay unix - - n - - smtp\n"
           << "showq unix n - n - - showq\n"
           << "error unix - - n - - error\n"
           << "retry unix - - n - - error\n"
           << "discard unix - - n - - discard\n"
           << "local unix - n n - - local\n"
           << "anvil unix - - n - 1 anvil\n"
           << "scache unix - - n - 1 scache\n"
           << "postlog unix-dgram n - n - 1 postlogd\n";
}

std::string PostfixInstance::start() {
    write_config();
    const std::string c = config_dir_.string();
    RunResult check = run_command({"/usr/sbin/postfix", "-c", c, "check"}, std::chrono::seconds(30));
    if (check.exit_code != 0) return "postfix check failed: " + check.output;
    RunResult master = run_command({"/usr/lib/postfix/sbin/master", "-c", c, "-w", "-e",
                                    std::to_string(options_.lifetime_seconds)},
                                   std::chrono::seconds(30));
    if (master.exit_code != 0) return "postfix master did not start: " + master.output + "\n" + log_text();
    started_ = true;
    if (!wait_until([&] { return port_open(smtpd_port_); }, std::chrono::seconds(10)))
        return "postfix smtpd is not listening on " + std::to_string(smtpd_port_) + "\n" + log_text();
    return "";
}

void PostfixInstance::stop() {
    if (!started_) return;
    started_ = false;
    run_command({"/usr/sbin/postfix", "-c", config_dir_.string(), "stop"}, std::chrono::seconds(20));
    // If the master did not go, stop it by its PID.
    std::ifstream pid_file(dir_ / "spool" / "pid" / "master.pid");
    long pid = 0;
    if (pid_file >> pid && pid > 1 && ::kill(static_cast<pid_t>(pid), 0) == 0) {
        wait_until([&] { return ::kill(static_cast<pid_t>(pid), 0) != 0; }, std::chrono::seconds(5));
        if (::kill(static_cast<pid_t>(pid), 0) == 0) ::kill(static_cast<pid_t>(pid), SIGKILL);
    }
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
    run_command({"/usr/sbin/postqueue", "-c", config_dir_.string(), "-f"}, std::chrono::seconds(20));
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
