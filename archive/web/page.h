// Pages and routes of the console: how a handler is guarded and how a page is drawn.
//
//   Router r(server, ctx);
//   r.get(R"(/casefiles/entry/(\d+))", UserRole::office, [&](const Request& req, Response& res, const WebUser& u) {
//       Value page; ...; render_page(ctx, res, &u, "entry", "Message", page);
//   });
//   r.post("/casefiles/export", UserRole::office, handler);
//
// Every route registered through Router
//   - needs a live session (else: 303 to /login, saying so when the session timed out),
//   - needs the route's role or higher (else: 403 page, audited as web.denied),
//   - for POST, needs the session's CSRF token in the form field "csrf" (else: 403),
// and runs inside a catch-all that answers 500 without details. render_page() wraps the
// page template in the layout (navigation for the user's role, the logout form, the CSRF
// token for the page's forms). Pages are always Cache-Control: no-store (default header).
//
// Thread-safety: handlers run on the server's worker threads; everything here is reentrant.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "archive/store/user_store.h"
#include "archive/web/session_manager.h"
#include "archive/web/template_value.h"
#include "archive/web/web_context.h"

namespace chaperone::archive::web {

using PageHandler = std::function<void(const httplib::Request&, httplib::Response&, const WebUser&)>;

class Router {
public:
    Router(httplib::Server& server, WebContext& ctx) : server_(server), ctx_(ctx) {}
    void get(const std::string& pattern, UserRole need, PageHandler handler);
    void post(const std::string& pattern, UserRole need, PageHandler handler);

private:
    void handle(const httplib::Request& req, httplib::Response& res, UserRole need, bool check_csrf,
                const PageHandler& handler);
    httplib::Server& server_;
    WebContext& ctx_;
};

// Draws `template_name` with `page` inside the layout. `user` may be null (login page).
void render_page(const WebContext& ctx, httplib::Response& res, const WebUser* user, const std::string& template_name,
                 const std::string& title, Value page, int status = 200);
// A page with a heading and one paragraph (403, 404, 429, 500 ...).
void render_message(const WebContext& ctx, httplib::Response& res, const WebUser* user, int status,
                    const std::string& title, const std::string& message);
// 303 See Other: after a POST, the browser GETs `location` (a path of ours).
void redirect(httplib::Response& res, const std::string& location);

// "Name <address>" as {name, address} for the mailbox partial (name "" when there is none),
// and a list of them.
Value mailbox_value(std::string_view mailbox);
Value mailbox_list(const std::vector<std::string>& mailboxes);

// The value of a form field (POST body or query), trimmed, at most kMaxFieldBytes.
constexpr std::size_t kMaxFieldBytes = 4096;
std::string form_field(const httplib::Request& req, const std::string& name);
// A positive decimal id from a regex capture or field; 0 when it is not one.
std::int64_t parse_id(const std::string& text);

}  // namespace chaperone::archive::web
