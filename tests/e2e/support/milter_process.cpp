// chaperone-milter child process and sending helpers; see milter_process.h.
#include "milter_process.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace chaperone::test {
namespace fs = std::filesystem;

fs::path binary(const std::string& name) { return fs::path(CHAPERONE_BINARY_DIR) / "bin" / name; }

MilterProcess::MilterProcess(fs::path dir, const std::string& config_body, bool inet) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    config_file_ = dir_ / "chaperone.toml";
    socket_ = dir_ / "milter.sock";
    std::ofstream config(config_file_);
    config << "[milter]\n";
    if (inet) {
        port_ = free_port();
        config << "socket = \"inet:" << port_ << "@127.0.0.1\"\n";
    } else {
        // Postfix's smtpd runs as user postfix and must be able to connect.
        config << "socket = \"unix:" << socket_.string() << "\"\nsocket_mode = \"0666\"\n";
    }
    config << "log_level = \"debug\"\n" << config_body;
    config.close();
    // No `chaperone keys init` first: the milter makes a fresh store's keys at its first
    // start (the quarantine stack runs keys init explicitly, as the README shows).
    process_ = Process({binary("chaperone-milter").string(), "--config", config_file_.string()}, dir_ / "milter.log");
}

std::string MilterProcess::wait_ready() {
    bool up = wait_until(
        [&] {
            if (!process_.running()) return true;
            std::error_code ec;
            return port_ ? port_open(port_) : fs::exists(socket_, ec);
        },
        std::chrono::seconds(15));
    if (!up || !process_.running()) return "chaperone-milter did not start:\n" + log_text();
    return "";
}

std::string MilterProcess::postfix_spec() const {
    if (port_) return "inet:127.0.0.1:" + std::to_string(port_);
    return "unix:" + socket_.string();
}

std::string MilterProcess::log_text() const {
    std::ifstream in(dir_ / "milter.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

SendResult send_with_swaks(int port, const std::string& from, const std::string& to_csv, const fs::path& message_file) {
    RunResult r = run_command({"swaks", "--server", "127.0.0.1:" + std::to_string(port), "--from", from, "--to", to_csv,
                               "--helo", "client.school.example", "--data", "@" + message_file.string(),
                               "--timeout", "60", "--hide-informational"},
                              std::chrono::seconds(90));
    SendResult result;
    result.output = r.output;
    // After the message body swaks prints the server's answer to the final ".".
    // swaks marks what it sends " -> " and the server's answers "<-  " ("<** " for errors).
    auto dot = r.output.rfind("\n -> .\n");
    std::string after = dot == std::string::npos ? "" : r.output.substr(dot);
    result.accepted = r.exit_code == 0 && after.find("<-  250") != std::string::npos;
    return result;
}

}  // namespace chaperone::test
