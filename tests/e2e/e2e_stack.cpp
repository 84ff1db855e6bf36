// The common end-to-end stack; see e2e_stack.h.
#include "e2e_stack.h"

#include <unistd.h>

namespace chaperone::test {
namespace fs = std::filesystem;

static fs::path fresh_dir(const std::string& name) {
    fs::path dir = fs::path(CHAPERONE_BINARY_DIR) / "e2e" / (name + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string e2e_config(const std::string& extra) {
    std::string config_dir = tests_path("e2e/config").string();
    return "[school]\nname = \"Pembury Lane Primary School\"\ninternal_domains = [\"school.example\"]\n"
           "address = \"Pembury Lane, Leicester LE4 1FX\"\nphones = [\"0116 496 0720\"]\n"
           "[storage]\ndir = \"store\"\n"
           "[disclaimer]\ntext_file = \"" + config_dir + "/disclaimer.txt\"\nhtml_file = \"" + config_dir +
           "/disclaimer.html\"\n" + extra;
}

E2EStack::E2EStack(const std::string& name, const std::string& extra_config, bool inet,
                   std::map<std::string, std::string> postfix_extra)
    : dir(fresh_dir(name)), sink(dir / "sink", free_port()), milter(dir / "milter", e2e_config(extra_config), inet) {
    if (!sink.ready()) {
        error = "smtp-sink did not start";
        return;
    }
    error = milter.wait_ready();
    if (!error.empty()) return;
    PostfixOptions options;
    options.smtpd_milters = milter.postfix_spec();
    options.sink_port = sink.port();
    options.extra = std::move(postfix_extra);
    postfix = std::make_unique<PostfixInstance>(dir / "postfix", options);
    error = postfix->start();
}

SendResult E2EStack::send(const std::string& from, const std::string& to, const std::string& message) const {
    return send_with_swaks(postfix->smtpd_port(), from, to, message_path(message));
}

fs::path E2EStack::message_path(const std::string& name) const {
    fs::path p(name);
    return p.is_absolute() ? p : tests_path("e2e/messages/" + name);
}

}  // namespace chaperone::test
