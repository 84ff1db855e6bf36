// The console's HTTP(S) server; see web_server.h.
#include "archive/web/web_server.h"

#include <sys/stat.h>

#include <httplib.h>

#include <chrono>

#include "archive/quarantine/released_filing.h"
#include "archive/web/page.h"
#include "archive/web/routes.h"
#include "archive/web/security_headers.h"
#include "archive/web/web_context.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

// A private directory for exports being written, emptied at start.
Result<std::filesystem::path> prepare_scratch_dir(const policies::Config& config) {
    auto dir = config.storage.dir / "web-tmp";
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::error(Errc::io, "creating " + dir.string() + ": " + ec.message());
    if (::chmod(dir.c_str(), 0700) != 0) return Status::error(Errc::io, "chmod 0700 " + dir.string());
    return dir;
}

}  // namespace

WebServer::~WebServer() = default;

bool WebServer::tls() const { return ctx_->tls; }

Result<std::unique_ptr<WebServer>> WebServer::create(const policies::Config& config, Store& store) {
    auto templates = TemplateSet::from_embedded();
    if (!templates) return templates.status().with_context("web console templates");
    for (const char* required : {"layout", "message", "login"}) {
        if (!templates->has(required)) return Status::error(Errc::internal, std::string("template missing: ") + required);
    }
    bool use_tls = tls_configured(config.web);
    if (config.web.tls_cert.empty() != config.web.tls_key.empty()) {
        return Status::error(Errc::invalid_input, "[web] tls_cert and tls_key go together: set both or neither");
    }
    std::unique_ptr<WebServer> server(new WebServer());
    server->ctx_ = std::make_unique<WebContext>(config, store, std::move(templates).value(), use_tls);
    // The quarantine, and the release path the CLI uses too (exactly once, whoever acts).
    QuarantineStore* quarantine = &store.quarantine();
    server->ctx_->quarantine = quarantine;
    server->ctx_->release = [&config, &store, quarantine](QuarantineId id, const Actor& actor,
                                                          const std::string& reason, bool force_stuck) {
        return release_held_message(*quarantine, config, id, actor, reason, force_stuck, released_filing(store, config));
    };
    auto scratch = prepare_scratch_dir(config);
    if (!scratch) return scratch.status();
    server->ctx_->scratch_dir = *scratch;

    if (use_tls) {
        for (const auto& file : {config.web.tls_cert, config.web.tls_key}) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(file, ec)) {
                return Status::error(Errc::not_found, "[web] TLS file " + file.string() + " cannot be read");
            }
        }
        auto ssl = std::make_unique<httplib::SSLServer>(config.web.tls_cert.c_str(), config.web.tls_key.c_str());
        if (!ssl->is_valid()) {
            return Status::error(Errc::invalid_input, "[web] tls_cert / tls_key: OpenSSL could not load " +
                                                          config.web.tls_cert.string() + " and " +
                                                          config.web.tls_key.string() + " as a matching PEM pair");
        }
        server->server_ = std::move(ssl);
    } else {
        server->server_ = std::make_unique<httplib::Server>();
    }
    httplib::Server& s = *server->server_;
    WebContext& ctx = *server->ctx_;
    s.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    s.set_payload_max_length(kMaxRequestBodyBytes);
    // Headers and body go out in separate writes: without TCP_NODELAY the body waits for
    // the client's delayed ACK (40 ms on Linux) on every response.
    s.set_tcp_nodelay(true);
    s.set_read_timeout(kReadTimeoutSeconds);
    s.set_write_timeout(kWriteTimeoutSeconds);
    s.set_keep_alive_max_count(kKeepAliveRequests);
    s.set_keep_alive_timeout(kKeepAliveSeconds);
    s.set_default_headers(security_headers(use_tls));
    s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        if (res.status >= 500) log::warning("web: {} {} -> {}", req.method, req.path, res.status);
        else log::debug("web: {} {} -> {}", req.method, req.path, res.status);
    });
    s.set_exception_handler([&ctx](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        log::error("web: {} {} failed with an exception", req.method, req.path);
        render_message(ctx, res, nullptr, 500, "Something went wrong",
                       "The page could not be shown. Try again; if it keeps happening, tell your administrator.");
    });
    s.set_error_handler([&ctx](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.status < 400) return;
        if (res.status == 404) {
            render_message(ctx, res, nullptr, 404, "Page not found", "There is no page at this address.");
        } else if (res.status == 413) {
            render_message(ctx, res, nullptr, 413, "Too large", "The form sent was too large.");
        } else {
            render_message(ctx, res, nullptr, res.status, "Request not understood", "The request could not be handled.");
        }
    });

    auto router = std::make_unique<Router>(s, ctx);
    register_login_routes(s, *router, ctx);
    register_dashboard_routes(*router, ctx);
    register_casefile_routes(*router, ctx);
    register_quarantine_routes(*router, ctx);
    register_audit_routes(*router, ctx);
    register_user_routes(*router, ctx);
    register_health_routes(*router, ctx);
    // The router's handlers capture it by pointer: keep it alive as long as the context.
    ctx.router = std::move(router);

    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
    (void)store.users().delete_sessions_idle_since(now - ctx.sessions.idle_timeout().count());
    return server;
}

Result<int> WebServer::bind(const ListenAddress& address) {
    if (auto s = check_listen_policy(address, ctx_->config.web); !s) return s;
    int port = address.port;
    if (port == 0) {
        port = server_->bind_to_any_port(address.host);
        if (port <= 0) return Status::error(Errc::io, "cannot listen on " + address.host + " (any port)");
    } else if (!server_->bind_to_port(address.host, port)) {
        return Status::error(Errc::io, "cannot listen on " + address.host + ":" + std::to_string(port) +
                                           " (in use, or not an address of this machine)");
    }
    return port;
}

Status WebServer::serve() {
    if (!server_->listen_after_bind()) {
        if (!server_->is_running()) return Status::ok();  // stopped
        return Status::error(Errc::io, "the web console stopped listening");
    }
    return Status::ok();
}

void WebServer::stop() { server_->stop(); }

bool WebServer::is_serving() const { return server_->is_running(); }

}  // namespace chaperone::archive::web
