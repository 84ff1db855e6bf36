// The audit log for the DPO and the admin, newest first, a page at a time; see routes.h.
// Opening it is itself recorded (audit.view).
#include <nlohmann/json.hpp>

#include "archive/web/html.h"
#include "archive/web/routes.h"
#include "pii/base/log.h"

namespace chaperone::archive::web {
namespace {

constexpr std::size_t kAuditPageSize = 100;
constexpr std::size_t kMaxDetailsShown = 300;

}  // namespace

void register_audit_routes(Router& router, WebContext& ctx) {
    router.get("/audit", UserRole::dpo, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::int64_t before = parse_id(req.get_param_value("before"));
        nlohmann::json details = {{"before", before}};
        if (auto s = ctx.store.audit().append(user.actor(), AuditEvent{"audit.view", "audit log", details.dump()}); !s) {
            log::error("web: writing the audit log: {}", s.error_message());
            return render_message(ctx, res, &user, 500, "Audit log unavailable", "The audit log could not be written.");
        }
        auto records = ctx.store.audit().list_newest(before, kAuditPageSize + 1);
        if (!records) {
            log::error("web: reading the audit log: {}", records.error_message());
            return render_message(ctx, res, &user, 500, "Audit log unavailable", "The audit log could not be read.");
        }
        bool more = records->size() > kAuditPageSize;
        if (more) records->pop_back();
        Value page = Value::object();
        page["section"] = "audit";
        page["has_records"] = !records->empty();
        page["newer"] = before != 0;
        if (!records->empty()) {
            page["first"] = static_cast<long long>(records->front().id);
            page["last"] = static_cast<long long>(records->back().id);
            if (more) page["older"] = static_cast<long long>(records->back().id);
        }
        Value rows = Value::list();
        for (const auto& r : *records) {
            Value& row = rows.push_back(Value::object());
            row["id"] = static_cast<long long>(r.id);
            row["at"] = format_human(r.at);
            row["actor"] = valid_utf8(r.actor);
            row["channel"] = r.channel;
            row["action"] = r.action;
            row["target"] = valid_utf8(r.target);
            std::string d = r.details == "{}" ? std::string() : r.details;
            if (d.size() > kMaxDetailsShown) d = d.substr(0, kMaxDetailsShown) + "…";
            row["details"] = valid_utf8(d);
        }
        page["records"] = std::move(rows);
        render_page(ctx, res, &user, "audit", "Audit log", std::move(page));
    });
}

}  // namespace chaperone::archive::web
