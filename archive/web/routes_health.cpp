// Policy and health for admins: what the configuration enforces, the roster's state, how
// the console is exposed, and an on-demand check of the audit chain.
#include <fmt/format.h>

#include "archive/web/routes.h"
#include "policies/rules/rule_catalog.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

std::string joined(const std::vector<std::string>& items, const char* none) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? none : out;
}

void show_health(WebContext& ctx, httplib::Response& res, const WebUser& user, Value verify) {
    const auto& c = ctx.config;
    Value page = Value::object();
    page["section"] = "health";
    page["mode"] = c.policy.mode == "monitor" ? std::string("monitor: violations are recorded and tagged, but delivered")
                                              : std::string("enforce: violations are held or rejected");
    page["school"] = c.school.name;
    page["internal_domains"] = joined(c.school.internal_domains, "none");
    page["trusted_domains"] = joined(c.policy.trusted_domains, "none");
    page["disclaimer"] = c.disclaimer.enabled ? "added to mail leaving the school" : "off";
    page["archive"] = c.archive.enabled ? fmt::format("on; kept until {} years after the pupil's date of birth",
                                                      c.archive.retention_years_after_dob)
                                        : std::string("off");
    page["retention"] = c.quarantine.retention_days;
    page["relay"] = c.release.relay;
    // Every rule of the catalog, with what this configuration makes of it.
    for (const auto& info : policies::rule_catalog()) {
        Value& r = page["rules"].push_back(Value::object());
        std::string id(info.id);
        auto configured = c.policy.rules.find(id);
        bool enabled = configured == c.policy.rules.end() || configured->second.enabled;
        policies::Action action = configured == c.policy.rules.end() ? info.default_action : configured->second.action;
        r["id"] = id;
        r["catches"] = std::string(info.catches);
        r["clause"] = std::string(info.clause);
        r["enabled"] = enabled;
        r["action"] = std::string(policies::action_name(action));
        r["changed"] = configured != c.policy.rules.end();
    }
    page["has_rules"] = !policies::rule_catalog().empty();
    auto roster = ctx.store.roster().roster_info();
    if (roster) {
        page["roster"]["imported_at"] = roster->version == 0 ? std::string("never") : roster->imported_at;
        page["roster"]["version"] = static_cast<long long>(roster->version);
        page["roster"]["pupils"] = static_cast<long long>(roster->pupils);
        page["roster"]["contacts"] = static_cast<long long>(roster->contacts);
        page["roster"]["staff"] = static_cast<long long>(roster->staff);
    }
    page["listen"] = c.web.listen;
    page["tls"] = ctx.tls ? std::string("on") : std::string("off (loopback only, or behind a TLS proxy)");
    page["idle"] = describe_duration(ctx.sessions.idle_timeout());
    page["attempts"] = c.web.login_attempts_per_minute;
    if (!verify.is_null()) page["verify"] = std::move(verify);
    render_page(ctx, res, &user, "health", "Policy and health", std::move(page));
}

}  // namespace

void register_health_routes(Router& router, WebContext& ctx) {
    router.get("/health", UserRole::admin, [&ctx](const httplib::Request&, httplib::Response& res, const WebUser& user) {
        show_health(ctx, res, user, Value());
    });

    router.post("/health/verify", UserRole::admin,
                [&ctx](const httplib::Request&, httplib::Response& res, const WebUser& user) {
        auto report = ctx.store.audit().verify_chain();
        Value v = Value::object();
        if (!report) {
            log::error("web: verifying the chain: {}", report.error_message());
            v["ok"] = false;
            v["summary"] = "The check could not run: " + report.error_message();
        } else {
            v["ok"] = report->ok;
            v["summary"] = report->ok ? fmt::format("{} records: {} case-file entries ({} purged), {} audit records.",
                                                    report->records, report->casefile_entries, report->purged_entries,
                                                    report->audit_records)
                                      : report->first_problem;
            if (report->ok) v["head"] = report->head_link_hex;
        }
        (void)ctx.store.audit().append(user.actor(), AuditEvent{"audit.verify", "audit chain",
                                                                report && report->ok ? "{\"ok\":true}" : "{\"ok\":false}"});
        show_health(ctx, res, user, std::move(v));
    });
}

}  // namespace chaperone::archive::web
