// What every page handler of the console shares: the config, the store, the parsed
// templates, sessions, opaque URL ids, and the cookie names.
//
// Built once by WebServer (web_server.h) and outlives every request.
//
// Thread-safety: everything here is safe to use from the server's worker threads (the
// store and the session manager lock internally; the rest is immutable).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "archive/quarantine/release.h"
#include "archive/store/quarantine_store.h"
#include "archive/store/store.h"
#include "archive/web/cookies.h"
#include "archive/web/opaque_ids.h"
#include "archive/web/pupil_names.h"
#include "archive/web/session_manager.h"
#include "archive/web/template.h"
#include "policies/config/config.h"

namespace chaperone::archive::web {

class Router;

struct WebContext {
    WebContext(const policies::Config& c, Store& s, TemplateSet t, bool use_tls)
        : config(c),
          store(s),
          templates(std::move(t)),
          sessions(s.users(), s.audit(), c.web),
          pupil_names(s.roster()),
          tls(use_tls),
          cookies(cookie_names(use_tls)) {}

    const policies::Config& config;
    Store& store;
    const TemplateSet templates;
    SessionManager sessions;
    const OpaqueIds ids;
    PupilNames pupil_names;
    const bool tls;
    const CookieNames cookies;
    // The quarantine and the one release path shared with the CLI (archive/quarantine/
    // release.h). Null / empty when the store has no quarantine: its pages say so.
    QuarantineStore* quarantine = nullptr;
    std::function<Result<ReleaseResult>(QuarantineId, const Actor&, const std::string& reason, bool force_stuck)> release;
    // The routes' guard; owned here so its handlers outlive nothing they capture.
    std::unique_ptr<Router> router;
    // Exports are written here (mode 0700, under [storage] dir) and removed once sent.
    std::filesystem::path scratch_dir;
};

}  // namespace chaperone::archive::web
