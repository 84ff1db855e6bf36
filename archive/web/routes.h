// The console's route groups, one file each. WebServer::create() calls every one of them.
//
//   routes_login.cpp       /login, /logout, /static/*                      anyone / signed in
//   routes_dashboard.cpp   /  (weekly figures, SVG chart)                   office and up
//   routes_casefiles.cpp   /casefiles...  search, case file, message, print, export   office and up
//   routes_quarantine.cpp  /quarantine... queue, message, release/discard   dpo and up
//   routes_audit.cpp       /audit                                           dpo and up
//   routes_users.cpp       /users...                                        admin
//   routes_health.cpp      /health (policy summary, store, chain check)     admin
#pragma once

#include <httplib.h>

#include "archive/web/page.h"
#include "archive/web/web_context.h"

namespace chaperone::archive::web {

void register_login_routes(httplib::Server& server, Router& router, WebContext& ctx);
void register_dashboard_routes(Router& router, WebContext& ctx);
void register_casefile_routes(Router& router, WebContext& ctx);
void register_quarantine_routes(Router& router, WebContext& ctx);
void register_audit_routes(Router& router, WebContext& ctx);
void register_user_routes(Router& router, WebContext& ctx);
void register_health_routes(Router& router, WebContext& ctx);

// "10 minutes", "1 minute", "45 seconds"
std::string describe_duration(std::chrono::seconds d);

}  // namespace chaperone::archive::web
