// Opening the archive store for a CLI command, with the exit-code contract.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "archive/casefile/timestamp.h"
#include "archive/store/store.h"
#include "policies/config/config.h"

namespace chaperone::cli {

// Opens the store; on failure prints one line on stderr and returns nullptr (exit 2).
std::unique_ptr<archive::Store> open_cli_store(const policies::Config& config, archive::StoreRole role);

// Prints "chaperone: <status message>" and returns kExitError.
int status_error(const Status& status);

// --from / --to values: "YYYY-MM-DD" or ISO 8601. A bare date in --to means the end of that day.
bool parse_date_option(const std::string& text, bool end_of_day, std::optional<archive::Timestamp>& out);


}  // namespace chaperone::cli
