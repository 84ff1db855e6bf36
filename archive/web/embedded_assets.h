// The console's templates and style sheet, compiled into the program (web_assets.cpp is
// generated at build time from archive/web/templates/*.html and archive/web/static/*).
//
// Thread-safety: immutable after first use.
#pragma once

#include <string_view>
#include <vector>

namespace chaperone::archive::web {

struct EmbeddedAsset {
    std::string_view path;  // "templates/login.html", "static/console.css"
    std::string_view text;
};

const std::vector<EmbeddedAsset>& embedded_assets();

}  // namespace chaperone::archive::web
