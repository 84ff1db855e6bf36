// Signing in and out, and the style sheet; see routes.h and session_manager.h.
//
// Login CSRF: the login form carries a random token that must match a short-lived
// HttpOnly, SameSite=Strict cookie set with the form (double submit), so another site
// cannot sign a browser in to an account of its choosing.
#include <fmt/format.h>

#include "archive/crypto/sodium_init.h"
#include "archive/web/embedded_assets.h"
#include "archive/web/routes.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

constexpr int kLoginFormSeconds = 1800;  // how long a login form stays usable
constexpr std::size_t kLoginTokenBytes = 32;

void show_login(WebContext& ctx, httplib::Response& res, Value page, int status = 200) {
    std::string token = crypto::random_hex(kLoginTokenBytes);
    page["login_token"] = token;
    page["idle"] = describe_duration(ctx.sessions.idle_timeout());
    res.set_header("Set-Cookie", set_cookie(ctx.cookies.login, token, ctx.tls, kLoginFormSeconds));
    render_page(ctx, res, nullptr, "login", "Sign in", std::move(page), status);
}

}  // namespace

std::string describe_duration(std::chrono::seconds d) {
    auto s = d.count();
    if (s % 60 == 0) return fmt::format("{} minute{}", s / 60, s == 60 ? "" : "s");
    return fmt::format("{} second{}", s, s == 1 ? "" : "s");
}

void register_login_routes(httplib::Server& server, Router& router, WebContext& ctx) {
    server.Get("/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
        SessionState state;
        auto cookie = cookie_value(req.get_header_value("Cookie"), ctx.cookies.session);
        if (cookie && ctx.sessions.authenticate(*cookie, state)) return redirect(res, "/");
        Value page = Value::object();
        page["expired"] = req.get_param_value("expired") == "1";
        page["signed_out"] = req.get_param_value("signed_out") == "1";
        show_login(ctx, res, std::move(page));
    });

    server.Post("/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
        Value page = Value::object();
        std::string name = form_field(req, "name");
        page["name"] = name;
        auto expected = cookie_value(req.get_header_value("Cookie"), ctx.cookies.login);
        if (!expected || !SessionManager::tokens_match(*expected, form_field(req, "login_token"))) {
            log::warning("web: login form from {} without a matching login token", req.remote_addr);
            page["error"] = "The sign-in form expired";
            page["error_hint"] = "Nothing was sent. Enter your account name and password again.";
            return show_login(ctx, res, std::move(page), 403);
        }
        std::string password = req.has_param("password") ? req.get_param_value("password") : "";
        auto in = ctx.sessions.login(name, password, req.remote_addr);
        if (!in) {
            int status = 500;
            if (in.status().code() == Errc::limit) {
                status = 429;
                page["error"] = "Too many failed sign-ins";
                page["error_hint"] = "Wait a minute, then try again.";
            } else if (in.status().code() == Errc::permission) {
                status = 401;
                page["error"] = "Wrong account name or password";
                page["error_hint"] = "Check both and try again. Passwords are case-sensitive.";
            } else {
                log::error("web: login failed: {}", in.error_message());
                page["error"] = "Signing in failed";
                page["error_hint"] = "The console could not reach its store. Try again shortly.";
            }
            return show_login(ctx, res, std::move(page), status);
        }
        res.set_header("Set-Cookie", set_cookie(ctx.cookies.session, in->cookie_value, ctx.tls));
        res.set_header("Set-Cookie", set_cookie(ctx.cookies.login, "", ctx.tls, 0));
        redirect(res, "/");
    });

    router.post("/logout", UserRole::office, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser&) {
        auto cookie = cookie_value(req.get_header_value("Cookie"), ctx.cookies.session);
        (void)ctx.sessions.logout(cookie.value_or(""));
        res.set_header("Set-Cookie", set_cookie(ctx.cookies.session, "", ctx.tls, 0));
        redirect(res, "/login?signed_out=1");
    });

    // The style sheet and the icon: compiled in, the only cacheable responses.
    for (auto [path, type] : {std::pair{"console.css", "text/css; charset=utf-8"}, std::pair{"favicon.svg", "image/svg+xml"}}) {
        std::string asset_path = std::string("static/") + path;
        std::string content_type = type;
        server.Get(std::string("/static/") + path, [asset_path, content_type](const httplib::Request&, httplib::Response& res) {
            for (const auto& asset : embedded_assets()) {
                if (asset.path != asset_path) continue;
                res.headers.erase("Cache-Control");
                res.set_header("Cache-Control", "public, max-age=3600");
                res.set_content(std::string(asset.text), content_type.c_str());
                return;
            }
            res.status = 404;
        });
    }
    // Browsers ask for /favicon.ico whatever the page says.
    server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) {
        res.status = 301;
        res.set_header("Location", "/static/favicon.svg");
    });
}

}  // namespace chaperone::archive::web
