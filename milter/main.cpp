// chaperone-milter: the daemon Postfix (or Sendmail) talks to over the milter protocol.
//
//   chaperone-milter --config /etc/chaperone/chaperone.toml [--daemon] [--pid-file F]
//   chaperone-milter --config FILE --check      validate the config and exit
//
// Runs in the foreground by default (systemd, or a terminal), logging to stderr or syslog
// per [milter] log_sink. Start order: config -> logging -> engine -> socket (owner, mode)
// -> drop privileges -> serve. SIGTERM/SIGINT stop it cleanly (libmilter handles them).
#include <fcntl.h>
#include <libmilter/mfapi.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "milter/engine_builder.h"
#include "milter/listen_socket.h"
#include "milter/milter_callbacks.h"
#include "milter/privileges.h"
#include "milter/counts_flusher.h"
#include "milter/roster_watcher.h"
#include "pii/base/log.h"
#include "pii/mime/gmime_ptr.h"

namespace {

using namespace chaperone;

int usage(const char* message) {
    std::fprintf(stderr,
                 "chaperone-milter: %s\n"
                 "usage: chaperone-milter --config FILE [--daemon] [--pid-file FILE] [--log-level LEVEL] [--check]\n",
                 message);
    return 2;
}

struct Options {
    std::string config;
    std::string pid_file;
    std::string log_level;
    bool daemon = false;
    bool check = false;
};

bool parse_options(int argc, char** argv, Options& options, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) {
                error = arg + " needs a value";
                return false;
            }
            out = argv[++i];
            return true;
        };
        if (arg == "--config") {
            if (!value(options.config)) return false;
        } else if (arg == "--pid-file") {
            if (!value(options.pid_file)) return false;
        } else if (arg == "--log-level") {
            if (!value(options.log_level)) return false;
        } else if (arg == "--daemon") {
            options.daemon = true;
        } else if (arg == "--foreground") {
            options.daemon = false;
        } else if (arg == "--check") {
            options.check = true;
        } else {
            error = "unknown option " + arg;
            return false;
        }
    }
    if (options.config.empty()) error = "missing --config FILE";
    return error.empty();
}

bool daemonize() {
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid > 0) ::_exit(0);
    if (::setsid() < 0) return false;
    pid = ::fork();
    if (pid < 0) return false;
    if (pid > 0) ::_exit(0);
    int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        if (null > STDERR_FILENO) ::close(null);
    }
    return ::chdir("/") == 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::string error;
    if (!parse_options(argc, argv, options, error)) return usage(error.c_str());

    auto loaded = policies::load_config(options.config);
    if (!loaded) {
        std::fprintf(stderr, "chaperone-milter: %s\n", loaded.error_message().c_str());
        return 2;
    }
    auto config = std::make_shared<const policies::Config>(std::move(loaded).value());
    auto spec = milter::parse_socket_spec(config->milter.socket);
    if (!spec) {
        std::fprintf(stderr, "chaperone-milter: %s: %s\n", options.config.c_str(), spec.error_message().c_str());
        return 2;
    }
    if (options.check) {
        std::printf("%s: ok\n", config->file.c_str());
        return 0;
    }

    log::Level level = log::Level::info;
    log::parse_level(options.log_level.empty() ? config->milter.log_level : options.log_level, level);
    log::configure(level, config->milter.log_sink == "syslog" || options.daemon ? log::Sink::syslog : log::Sink::stderr_stream,
                   "chaperone-milter");

    pii::ensure_gmime();
    // The store is opened as the milter: the public key to seal held and archived messages,
    // the chain key to append to the ledger; never the secret key.
    auto opened = archive::open_store(*config, archive::StoreRole::milter);
    if (!opened) {
        // A fresh store got its keys in open_store(); one with data never gets new ones.
        log::error("cannot start: {} (restore the store's keys; `chaperone keys init --config {}` makes keys "
                   "only for an empty store)",
                   opened.error_message(), config->file.string());
        return 1;
    }
    std::shared_ptr<archive::Store> store = std::move(opened).value();
    auto snapshot = milter::build_engine_snapshot(config, store);
    if (!snapshot) {
        log::error("cannot start: {}", snapshot.error_message());
        return 1;
    }
    milter::Engine engine(*snapshot);
    milter::set_callback_engine(&engine);
    milter::RosterWatcher roster_watcher(engine);
    milter::CountsFlusher counts_flusher(engine);

    smfiDesc description = milter::make_filter_description();
    if (smfi_register(description) != MI_SUCCESS) {
        log::error("cannot start: smfi_register failed");
        return 1;
    }
    if (Status s = milter::prepare_socket_directory(*spec); !s) {
        log::error("cannot start: {}", s.message());
        return 1;
    }
    if (smfi_setconn(const_cast<char*>(spec->libmilter_spec.c_str())) != MI_SUCCESS ||
        smfi_settimeout(config->milter.timeout_seconds) != MI_SUCCESS ||
        smfi_setbacklog(config->milter.backlog) != MI_SUCCESS) {
        log::error("cannot start: invalid socket settings for {}", spec->libmilter_spec);
        return 1;
    }
    // rmsocket = true: a stale unix socket from a crash is removed, a live one is not.
    if (smfi_opensocket(true) != MI_SUCCESS) {
        log::error("cannot start: cannot listen on {} (in use, or no permission)", spec->libmilter_spec);
        return 1;
    }
    if (Status s = milter::finish_socket_setup(*spec, config->milter); !s) {
        log::error("cannot start: {}", s.message());
        return 1;
    }
    if (Status s = milter::drop_privileges(config->milter.run_as_user); !s) {
        log::error("cannot start: {}", s.message());
        return 1;
    }
    if (options.daemon && !daemonize()) {
        log::error("cannot start: daemonize failed: {}", std::strerror(errno));
        return 1;
    }
    if (!options.pid_file.empty()) {
        std::ofstream pid(options.pid_file, std::ios::trunc);
        pid << ::getpid() << "\n";
    }
    log::info("listening on {} (fail_open={}, external mail gets the disclaimer{}, roster version {})",
              spec->libmilter_spec, config->milter.fail_open ? "true" : "false",
              config->disclaimer.enabled ? "" : ": disabled", (*snapshot)->roster_version);
    roster_watcher.start();
    counts_flusher.start();
    int rc = smfi_main();
    roster_watcher.stop();
    counts_flusher.stop();  // the last counts reach the dashboard
    log::info("stopped (smfi_main returned {})", rc);
    if (!options.pid_file.empty()) ::unlink(options.pid_file.c_str());
    return rc == MI_SUCCESS ? 0 : 1;
}
