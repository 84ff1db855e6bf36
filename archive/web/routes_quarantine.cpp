// The DPO's quarantine queue. Placeholder until the quarantine store lands (branch policy).
#include "archive/web/routes.h"

namespace chaperone::archive::web {

void register_quarantine_routes(Router& router, WebContext& ctx) {
    router.get("/quarantine", UserRole::dpo, [&ctx](const httplib::Request&, httplib::Response& res, const WebUser& user) {
        render_message(ctx, res, &user, 200, "Quarantine", "The quarantine store is not available in this build.");
    });
}

}  // namespace chaperone::archive::web
