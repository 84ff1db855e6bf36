// Guarded routes and the page layout; see page.h.
#include "archive/web/page.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "archive/web/html.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

struct NavItem {
    const char* section;
    const char* label;
    const char* href;
    UserRole need;
};

constexpr NavItem kNav[] = {
    {"dashboard", "Dashboard", "/", UserRole::office},
    {"casefiles", "Case files", "/casefiles", UserRole::office},
    {"quarantine", "Quarantine", "/quarantine", UserRole::dpo},
    {"audit", "Audit log", "/audit", UserRole::dpo},
    {"users", "Users", "/users", UserRole::admin},
    {"health", "Policy and health", "/health", UserRole::admin},
};

std::string trim(std::string s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace

void render_page(const WebContext& ctx, httplib::Response& res, const WebUser* user, const std::string& template_name,
                 const std::string& title, Value page, int status) {
    std::string section = page.member("section") ? page.member("section")->text() : "";
    if (user) {
        page["csrf"] = user->csrf_token;
        page["me"] = user->account.name;
        page["my_role"] = std::string(role_name(user->account.role));
    }
    Value layout = Value::object();
    layout["title"] = title;
    layout["school"] = ctx.config.school.name.empty() ? std::string("Chaperone") : ctx.config.school.name;
    layout["body"] = SafeHtml{ctx.templates.render(template_name, page)};
    if (user) {
        layout["user"] = user->account.name;
        layout["role"] = std::string(role_name(user->account.role));
        layout["csrf"] = user->csrf_token;
        Value nav = Value::list();
        for (const auto& item : kNav) {
            if (!role_allows(user->account.role, item.need)) continue;
            Value& v = nav.push_back(Value::object());
            v["label"] = item.label;
            v["href"] = item.href;
            v["current"] = section == item.section;
        }
        layout["has_nav"] = true;
        layout["nav"] = std::move(nav);
    }
    res.status = status;
    res.set_content(ctx.templates.render("layout", layout), "text/html; charset=utf-8");
}

void render_message(const WebContext& ctx, httplib::Response& res, const WebUser* user, int status,
                    const std::string& title, const std::string& message) {
    Value page = Value::object();
    page["heading"] = title;
    page["message"] = message;
    render_page(ctx, res, user, "message", title, std::move(page), status);
}

void redirect(httplib::Response& res, const std::string& location) {
    res.status = 303;
    res.set_header("Location", location);
    res.set_content("", "text/plain");
}

Value mailbox_value(std::string_view mailbox) {
    std::string text = valid_utf8(mailbox);
    Value v = Value::object();
    auto open = text.rfind('<');
    if (open != std::string::npos && !text.empty() && text.back() == '>') {
        std::string name = trim(text.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        v["name"] = name;
        v["address"] = text.substr(open + 1, text.size() - open - 2);
    } else {
        v["name"] = std::string();
        v["address"] = trim(text);
    }
    return v;
}

Value mailbox_list(const std::vector<std::string>& mailboxes) {
    Value list = Value::list();
    for (const auto& m : mailboxes) list.push_back(mailbox_value(m));
    return list;
}

std::string form_field(const httplib::Request& req, const std::string& name) {
    if (!req.has_param(name.c_str())) return {};
    std::string value = req.get_param_value(name.c_str());
    if (value.size() > kMaxFieldBytes) value.resize(kMaxFieldBytes);
    return trim(std::move(value));
}

std::int64_t parse_id(const std::string& text) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return 0;
    return id;
}

void Router::get(const std::string& pattern, UserRole need, PageHandler handler) {
    server_.Get(pattern, [this, need, handler](const httplib::Request& req, httplib::Response& res) {
        handle(req, res, need, false, handler);
    });
}

void Router::post(const std::string& pattern, UserRole need, PageHandler handler) {
    server_.Post(pattern, [this, need, handler](const httplib::Request& req, httplib::Response& res) {
        handle(req, res, need, true, handler);
    });
}

void Router::handle(const httplib::Request& req, httplib::Response& res, UserRole need, bool check_csrf,
                    const PageHandler& handler) {
    auto cookie = cookie_value(req.get_header_value("Cookie"), ctx_.cookies.session);
    SessionState state = SessionState::missing;
    auto user = ctx_.sessions.authenticate(cookie.value_or(""), state);
    if (!user) {
        if (state == SessionState::missing && user.status().code() != Errc::permission) {
            log::error("web: checking a session: {}", user.error_message());
            render_message(ctx_, res, nullptr, 500, "Something went wrong",
                           "The console could not check your session. Try again; if it keeps happening, tell your "
                           "administrator.");
            return;
        }
        if (state == SessionState::expired) res.set_header("Set-Cookie", set_cookie(ctx_.cookies.session, "", ctx_.tls, 0));
        redirect(res, state == SessionState::expired ? "/login?expired=1" : "/login");
        return;
    }
    if (!role_allows(user->account.role, need)) {
        nlohmann::json details = {{"needs", std::string(role_name(need))}, {"has", std::string(role_name(user->account.role))}};
        (void)ctx_.store.audit().append(user->actor(), AuditEvent{"web.denied", req.method + " " + req.path, details.dump()});
        log::warning("web: account {} ({}) denied {} {}", user->account.id, role_name(user->account.role), req.method,
                     req.path);
        render_message(ctx_, res, &*user, 403, "Not allowed",
                       "Your account (" + std::string(role_name(user->account.role)) +
                           ") cannot open this page. Ask your administrator if you need it.");
        return;
    }
    if (check_csrf && !SessionManager::tokens_match(user->csrf_token, form_field(req, "csrf"))) {
        log::warning("web: account {} sent {} {} without a valid CSRF token", user->account.id, req.method, req.path);
        render_message(ctx_, res, &*user, 403, "Form expired",
                       "This form was not sent from your current session, so nothing was done. Go back, reload the "
                       "page and try again.");
        return;
    }
    handler(req, res, *user);
}

}  // namespace chaperone::archive::web
