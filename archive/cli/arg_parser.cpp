// Implementation of the CLI argument parser; see arg_parser.h.
#include "archive/cli/arg_parser.h"

namespace chaperone::cli {

ArgParser::ArgParser(const std::vector<std::string>& args, const std::set<std::string>& options,
                     const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < args.size() && error_.empty(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            positional_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            if (inline_value) error_ = "--" + name + " takes no value";
            flags_.insert(name);
        } else if (options.count(name)) {
            if (values_.count(name)) {
                error_ = "--" + name + " given twice";
            } else if (inline_value) {
                values_[name] = *inline_value;
            } else if (i + 1 < args.size()) {
                values_[name] = args[++i];
            } else {
                error_ = "--" + name + " needs a value";
            }
        } else {
            error_ = "unknown option --" + name;
        }
    }
}

std::string ArgParser::value(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

bool ArgParser::require(const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (!values_.count(name)) {
            if (error_.empty()) error_ = "missing --" + name;
            return false;
        }
    }
    return true;
}

}  // namespace chaperone::cli
