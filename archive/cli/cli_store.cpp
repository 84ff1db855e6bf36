// CLI store helpers; see cli_store.h.
#include "archive/cli/cli_store.h"

#include <cstdio>

#include "archive/cli/command.h"

namespace chaperone::cli {

std::unique_ptr<archive::Store> open_cli_store(const policies::Config& config, archive::StoreRole role) {
    auto store = archive::open_store(config, role);
    if (!store) {
        std::fprintf(stderr, "chaperone: %s\n", store.error_message().c_str());
        return nullptr;
    }
    return std::move(store).value();
}

int status_error(const Status& status) { return input_error(status.message()); }

bool parse_date_option(const std::string& text, bool end_of_day, std::optional<archive::Timestamp>& out) {
    auto t = archive::parse_iso8601(text);
    if (!t) return false;
    if (end_of_day && text.size() == 10) t->unix_seconds += 86399;
    out = t;
    return true;
}

}  // namespace chaperone::cli
