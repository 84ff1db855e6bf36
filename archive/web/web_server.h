// The web console's server: cpp-httplib (HTTP/1.1, or HTTPS with OpenSSL when [web]
// tls_cert and tls_key are set), the console's routes, and its limits.
//
//   auto server = WebServer::create(config, store);        // parses every template, loads TLS
//   auto port = (*server)->bind(*parse_listen_address(config.web.listen));   // checks the policy
//   (*server)->serve();                                    // blocks until stop()
//
// `chaperone serve` (archive/cli/cli_serve.cpp) runs it; tests bind port 0 on 127.0.0.1 and
// serve on a thread. The store must be a reader store (it opens messages) and outlive the
// server.
//
// Limits (named, fixed): kWorkerThreads request threads, request bodies up to
// kMaxRequestBodyBytes, kReadTimeoutSeconds / kWriteTimeoutSeconds per socket operation,
// keep-alive up to kKeepAliveRequests requests or kKeepAliveSeconds idle.
//
// Security notes: the listen policy (listen_address.h) is enforced at bind(); every
// response carries security_headers(); the request log has method, path (opaque ids only,
// never a query string), status and account id — never a name or a search.
//
// Thread-safety: bind/serve on one thread; stop() from any thread.
#pragma once

#include <memory>

#include "archive/store/store.h"
#include "archive/web/listen_address.h"
#include "pii/base/result.h"
#include "policies/config/config.h"

namespace httplib {
class Server;
}

namespace chaperone::archive::web {

constexpr int kWorkerThreads = 64;
constexpr std::size_t kMaxRequestBodyBytes = 1 << 20;
constexpr int kReadTimeoutSeconds = 30;
constexpr int kWriteTimeoutSeconds = 60;
constexpr int kKeepAliveRequests = 100;
constexpr int kKeepAliveSeconds = 5;

struct WebContext;

class WebServer {
public:
    static Result<std::unique_ptr<WebServer>> create(const policies::Config& config, Store& store);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds the address (port 0: a free port) and returns the port.
    Result<int> bind(const ListenAddress& address);
    // Serves until stop(); ok after a stop, an error if listening failed.
    Status serve();
    void stop();
    bool tls() const;
    // True once serve() is accepting connections.
    bool is_serving() const;

private:
    WebServer() = default;
    std::unique_ptr<WebContext> ctx_;
    std::unique_ptr<httplib::Server> server_;
};

}  // namespace chaperone::archive::web
