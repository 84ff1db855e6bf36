// Account management for admins: list, add, change role, disable / enable, set password.
// Every change is audited by the user store with the admin as actor. An admin cannot
// disable or demote their own account here (the CLI can), so the console cannot lock out
// its last admin by a slip.
#include "archive/web/password.h"
#include "archive/web/routes.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

const std::map<std::string, std::string>& done_messages() {
    static const std::map<std::string, std::string> m = {
        {"added", "The account was added."},          {"role", "The role was changed."},
        {"disabled", "The account was disabled and signed out."}, {"enabled", "The account was enabled."},
        {"password", "The password was set; the account was signed out everywhere."},
    };
    return m;
}

// "2024-03-05 09:12" from an ISO 8601 time; "never" when empty.
std::string when(const std::string& iso) {
    if (iso.empty()) return "never";
    std::string out = iso.substr(0, 16);
    if (out.size() > 10) out[10] = ' ';
    return out + " UTC";
}

void show_account(WebContext& ctx, httplib::Response& res, const WebUser& user, const UserAccount& account,
                  const std::string& done, const std::string& error, int status) {
    Value page = Value::object();
    page["section"] = "users";
    page["account"]["id"] = static_cast<long long>(account.id);
    page["account"]["name"] = account.name;
    page["account"]["role"] = std::string(role_name(account.role));
    page["account"]["disabled"] = account.disabled;
    page["account"]["created"] = when(account.created_at);
    page["account"]["last_login"] = when(account.last_login_at);
    page["is_me"] = account.id == user.account.id;
    page["min_password"] = static_cast<long long>(kMinPasswordBytes);
    static const char* kLabels[] = {"office — reads case files", "dpo — also quarantine and audit log",
                                    "admin — also accounts, policy and health"};
    for (UserRole r : {UserRole::office, UserRole::dpo, UserRole::admin}) {
        Value& o = page["roles"].push_back(Value::object());
        o["value"] = std::string(role_name(r));
        o["label"] = kLabels[static_cast<int>(r)];
        o["selected"] = r == account.role;
    }
    auto it = done_messages().find(done);
    if (it != done_messages().end()) page["done"] = it->second;
    page["error"] = error;
    render_page(ctx, res, &user, "user", "Account", std::move(page), status);
}

void show_users(WebContext& ctx, httplib::Response& res, const WebUser& user, const std::string& done,
                const std::string& error, const std::string& new_name, int status) {
    auto users = ctx.store.users().list_users();
    if (!users) {
        log::error("web: listing accounts: {}", users.error_message());
        return render_message(ctx, res, &user, 500, "Accounts unavailable", "The accounts could not be read.");
    }
    Value page = Value::object();
    page["section"] = "users";
    page["count"] = static_cast<long long>(users->size());
    page["min_password"] = static_cast<long long>(kMinPasswordBytes);
    page["new_name"] = new_name;
    auto it = done_messages().find(done);
    if (it != done_messages().end()) page["done"] = it->second;
    page["error"] = error;
    Value rows = Value::list();
    for (const auto& u : *users) {
        Value& row = rows.push_back(Value::object());
        row["id"] = static_cast<long long>(u.id);
        row["name"] = u.name;
        row["role"] = std::string(role_name(u.role));
        row["disabled"] = u.disabled;
        row["is_me"] = u.id == user.account.id;
        row["last_login"] = when(u.last_login_at);
    }
    page["users"] = std::move(rows);
    render_page(ctx, res, &user, "users", "Users", std::move(page), status);
}

// The account a /users/<id>/... route names; renders the error itself when missing.
std::optional<UserAccount> target_account(WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                                          const WebUser& user) {
    auto account = ctx.store.users().find_user_by_id(parse_id(req.matches[1]));
    if (!account) {
        show_users(ctx, res, user, "", "That account does not exist.", "", 404);
        return std::nullopt;
    }
    return *account;
}

void finish(WebContext& ctx, httplib::Response& res, const WebUser& user, const UserAccount& account, const Status& s,
            const std::string& done) {
    if (s) return redirect(res, "/users/" + std::to_string(account.id) + "?done=" + done);
    if (s.code() != Errc::invalid_input && s.code() != Errc::conflict && s.code() != Errc::not_found) {
        log::error("web: changing an account: {}", s.message());
    }
    show_account(ctx, res, user, account, "", s.message(), 400);
}

}  // namespace

void register_user_routes(Router& router, WebContext& ctx) {
    router.get("/users", UserRole::admin, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        show_users(ctx, res, user, req.get_param_value("done"), "", "", 200);
    });

    router.post("/users/add", UserRole::admin, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::string name = form_field(req, "name");
        std::string password = req.has_param("password") ? req.get_param_value("password") : "";
        UserRole role;
        if (!parse_role(form_field(req, "role"), role)) return show_users(ctx, res, user, "", "Choose a role.", name, 400);
        if (!valid_user_name(name)) {
            return show_users(ctx, res, user, "", "Account names are 1-64 characters of letters, digits and . _ @ -.",
                              name, 400);
        }
        if (auto why = password_problem(password); !why.empty()) {
            return show_users(ctx, res, user, "", "The password is not acceptable: " + why + ".", name, 400);
        }
        auto hash = hash_password(password);
        if (!hash) return show_users(ctx, res, user, "", hash.error_message(), name, 500);
        auto added = ctx.store.users().add_user(name, role, *hash, user.actor());
        if (!added) return show_users(ctx, res, user, "", added.error_message(), name, 400);
        redirect(res, "/users?done=added");
    });

    router.get(R"(/users/(\d+))", UserRole::admin, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        auto account = target_account(ctx, req, res, user);
        if (!account) return;
        show_account(ctx, res, user, *account, req.get_param_value("done"), "", 200);
    });

    router.post(R"(/users/(\d+)/role)", UserRole::admin,
                [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        auto account = target_account(ctx, req, res, user);
        if (!account) return;
        UserRole role;
        if (!parse_role(form_field(req, "role"), role)) return show_account(ctx, res, user, *account, "", "Choose a role.", 400);
        if (account->id == user.account.id) {
            return show_account(ctx, res, user, *account, "", "You cannot change your own role here.", 400);
        }
        finish(ctx, res, user, *account, ctx.store.users().set_role(account->name, role, user.actor()), "role");
    });

    for (bool disable : {true, false}) {
        router.post(disable ? R"(/users/(\d+)/disable)" : R"(/users/(\d+)/enable)", UserRole::admin,
                    [&ctx, disable](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
            auto account = target_account(ctx, req, res, user);
            if (!account) return;
            if (account->id == user.account.id) {
                return show_account(ctx, res, user, *account, "", "You cannot disable your own account here.", 400);
            }
            finish(ctx, res, user, *account, ctx.store.users().set_disabled(account->name, disable, user.actor()),
                   disable ? "disabled" : "enabled");
        });
    }

    router.post(R"(/users/(\d+)/password)", UserRole::admin,
                [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        auto account = target_account(ctx, req, res, user);
        if (!account) return;
        std::string password = req.has_param("password") ? req.get_param_value("password") : "";
        if (auto why = password_problem(password); !why.empty()) {
            return show_account(ctx, res, user, *account, "", "The password is not acceptable: " + why + ".", 400);
        }
        auto hash = hash_password(password);
        if (!hash) return finish(ctx, res, user, *account, hash.status(), "");
        finish(ctx, res, user, *account, ctx.store.users().set_password(account->name, *hash, user.actor()), "password");
    });
}

}  // namespace chaperone::archive::web
