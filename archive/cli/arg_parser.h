// A small, strict command-line parser for `chaperone` subcommands.
//
//   ArgParser args(argv_tail, {"config", "students", "contacts", "staff"}, {"json", "dry-run"});
//   if (!args.ok()) return usage_error(args.error());
//   std::string config = args.value("config");
//
// Options take the form --name VALUE or --name=VALUE; flags are --name. Unknown options,
// a missing value, or a repeated option are errors; other words are positional.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chaperone::cli {

class ArgParser {
public:
    ArgParser(const std::vector<std::string>& args, const std::set<std::string>& options,
              const std::set<std::string>& flags);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = "") const;
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    const std::vector<std::string>& positional() const { return positional_; }

    // Records an error unless every name is present (for required options).
    bool require(const std::vector<std::string>& names);

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
    std::string error_;
};

}  // namespace chaperone::cli
