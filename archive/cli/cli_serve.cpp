// `chaperone serve --config C [--listen HOST:PORT]`: the web console for office staff, the
// DPO and admins (archive/web/). Runs in the foreground until SIGINT or SIGTERM.
//
// It opens the store as a reader (it shows messages, so it needs archive.key: run it as
// the service user that owns the key). Without [web] tls_cert/tls_key it listens only on
// loopback (put a TLS proxy in front), unless [web] allow_non_loopback_without_tls is set.
// Prints one line on stderr when listening: "chaperone: web console on http://HOST:PORT/".
// Exit codes: 0 after a signal, 2 on a config, key, store or listen error.
#include <signal.h>

#include <cstdio>
#include <thread>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/web/web_server.h"
#include "pii/base/log.h"

namespace chaperone::cli {
namespace {

int run_serve(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "listen", "log-level"}, {});
    if (!args.ok()) return usage_error(args.error());
    if (!args.positional().empty()) return usage_error("serve: unexpected argument '" + args.positional()[0] + "'");
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    log::Level level = log::Level::info;
    if (!log::parse_level(args.value("log-level", config->milter.log_level), level)) {
        return usage_error("--log-level: expected debug, info, warning or error");
    }
    log::configure(level, log::Sink::stderr_stream, "chaperone-serve");

    auto address = archive::web::parse_listen_address(args.value("listen", config->web.listen));
    if (!address) return status_error(address.status());
    if (auto s = archive::web::check_listen_policy(*address, config->web); !s) return status_error(s);

    // Signals go to one thread that stops the server; the workers never see them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto store = open_cli_store(*config, archive::StoreRole::reader);
    if (!store) return kExitError;
    auto server = archive::web::WebServer::create(*config, *store);
    if (!server) return status_error(server.status());
    auto port = (*server)->bind(*address);
    if (!port) return status_error(port.status());
    std::string host = address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
    std::fprintf(stderr, "chaperone: web console on %s://%s:%d/\n", (*server)->tls() ? "https" : "http", host.c_str(),
                 *port);
    std::fflush(stderr);

    std::thread waiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        log::info("web console stopping (signal {})", received);
        (*server)->stop();
    });
    Status served = (*server)->serve();
    if (waiter.joinable()) {
        // serve() returned on its own (listen failure): wake the waiter so it can end.
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
    }
    if (!served) return status_error(served);
    return kExitOk;
}

const CommandRegistration reg("serve", "the web console (serve --config C [--listen 127.0.0.1:8080])", run_serve);

}  // namespace
}  // namespace chaperone::cli
