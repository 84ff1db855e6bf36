// Implementation of TableReader; see toml_table_reader.h.
#include "policies/config/toml_table_reader.h"

#include <fmt/format.h>

namespace chaperone::policies {

void ConfigErrors::add(const toml::source_region& where, const std::string& message) {
    lines_.push_back(fmt::format("{}:{}:{}: {}", file_, where.begin.line, where.begin.column, message));
}

std::string ConfigErrors::joined() const {
    std::string out;
    for (const auto& line : lines_) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::string toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date:
        case toml::node_type::time:
        case toml::node_type::date_time: return "a date/time";
        default: return "nothing";
    }
}

TableReader::TableReader(const toml::table* table, std::string section, ConfigErrors& errors)
    : table_(table), section_(std::move(section)), errors_(errors) {}

std::string TableReader::name(std::string_view key) const {
    return fmt::format("[{}] {}", section_, key);
}

bool TableReader::has(std::string_view key) const { return table_ && table_->contains(key); }

const toml::node* TableReader::get(std::string_view key) {
    read_.insert(std::string(key));
    if (!table_) return nullptr;
    return table_->get(key);
}

void TableReader::error_at(std::string_view key, const std::string& expected) {
    const toml::node* node = table_ ? table_->get(key) : nullptr;
    std::string got = node ? toml_type_name(*node) : "nothing";
    std::string message = fmt::format("{}: expected {}", name(key), expected);
    if (node && !node->is_table() && !node->is_array()) {
        if (auto s = node->value<std::string>()) message += fmt::format(", got \"{}\"", *s);
        else if (auto i = node->value<std::int64_t>()) message += fmt::format(", got {}", *i);
        else message += ", got " + got;
    } else if (node) {
        message += ", got " + got;
    }
    if (node) errors_.add(node->source(), message);
    else errors_.add_plain(message);
}

void TableReader::string(std::string_view key, std::string& out) {
    const toml::node* node = get(key);
    if (!node) return;
    if (auto v = node->value_exact<std::string>()) out = *v;
    else error_at(key, "a string");
}

void TableReader::one_of(std::string_view key, std::string& out, const std::vector<std::string>& choices) {
    const toml::node* node = get(key);
    if (!node) return;
    std::string expected = "one of";
    for (size_t i = 0; i < choices.size(); ++i) expected += (i ? ", \"" : " \"") + choices[i] + "\"";
    auto v = node->value_exact<std::string>();
    if (!v) return error_at(key, expected);
    for (const auto& choice : choices) {
        if (*v == choice) {
            out = *v;
            return;
        }
    }
    error_at(key, expected);
}

void TableReader::string_list(std::string_view key, std::vector<std::string>& out) {
    const toml::node* node = get(key);
    if (!node) return;
    const toml::array* array = node->as_array();
    if (!array) return error_at(key, "an array of strings");
    std::vector<std::string> values;
    for (const toml::node& element : *array) {
        auto v = element.value_exact<std::string>();
        if (!v) {
            errors_.add(element.source(), fmt::format("{}: expected an array of strings, found {} in it",
                                                      name(key), toml_type_name(element)));
            return;
        }
        values.push_back(*v);
    }
    out = std::move(values);
}

void TableReader::boolean(std::string_view key, bool& out) {
    const toml::node* node = get(key);
    if (!node) return;
    if (auto v = node->value_exact<bool>()) out = *v;
    else error_at(key, "true or false");
}

void TableReader::integer(std::string_view key, int& out, std::int64_t min, std::int64_t max) {
    const toml::node* node = get(key);
    if (!node) return;
    auto v = node->value_exact<std::int64_t>();
    if (!v || *v < min || *v > max) return error_at(key, fmt::format("an integer from {} to {}", min, max));
    out = static_cast<int>(*v);
}

void TableReader::size(std::string_view key, std::uint64_t& out, std::uint64_t min, std::uint64_t max) {
    const toml::node* node = get(key);
    if (!node) return;
    auto v = node->value_exact<std::int64_t>();
    if (!v || *v < 0 || static_cast<std::uint64_t>(*v) < min || static_cast<std::uint64_t>(*v) > max)
        return error_at(key, fmt::format("a size in bytes from {} to {}", min, max));
    out = static_cast<std::uint64_t>(*v);
}

void TableReader::number(std::string_view key, double& out, double min, double max) {
    const toml::node* node = get(key);
    if (!node) return;
    std::optional<double> v;
    if (auto f = node->value_exact<double>()) v = *f;
    else if (auto i = node->value_exact<std::int64_t>()) v = static_cast<double>(*i);
    if (!v || *v < min || *v > max) return error_at(key, fmt::format("a number from {} to {}", min, max));
    out = *v;
}

void TableReader::file_mode(std::string_view key, unsigned& out) {
    const toml::node* node = get(key);
    if (!node) return;
    auto v = node->value_exact<std::string>();
    const std::string expected = "an octal file mode as a string, e.g. \"0660\"";
    if (!v || v->empty() || v->size() > 4) return error_at(key, expected);
    unsigned mode = 0;
    for (char c : *v) {
        if (c < '0' || c > '7') return error_at(key, expected);
        mode = mode * 8 + static_cast<unsigned>(c - '0');
    }
    out = mode;
}

void TableReader::path(std::string_view key, std::filesystem::path& out, const std::filesystem::path& base) {
    const toml::node* node = get(key);
    if (!node) return;
    auto v = node->value_exact<std::string>();
    if (!v || v->empty()) return error_at(key, "a non-empty path string");
    std::filesystem::path p(*v);
    out = p.is_absolute() ? p : (base / p).lexically_normal();
}

void TableReader::string_map(std::string_view key, std::map<std::string, std::string>& out) {
    const toml::node* node = get(key);
    if (!node) return;
    const toml::table* table = node->as_table();
    if (!table) return error_at(key, "a table of strings");
    for (const auto& [k, v] : *table) {
        auto s = v.value_exact<std::string>();
        if (!s) {
            errors_.add(v.source(), fmt::format("{}.{}: expected a string", name(key), k.str()));
            continue;
        }
        out[std::string(k.str())] = *s;
    }
}

const toml::table* TableReader::subtable(std::string_view key) {
    const toml::node* node = get(key);
    if (!node) return nullptr;
    if (const toml::table* t = node->as_table()) return t;
    error_at(key, "a table");
    return nullptr;
}

void TableReader::table_array(std::string_view key, const std::function<void(const toml::table&)>& parse) {
    const toml::node* node = get(key);
    if (!node) return;
    const toml::array* array = node->as_array();
    if (!array) return error_at(key, "an array of tables ([[" + section_ + "." + std::string(key) + "]])");
    for (const toml::node& element : *array) {
        if (const toml::table* t = element.as_table()) parse(*t);
        else errors_.add(element.source(), fmt::format("{}: expected a table, found {}", name(key),
                                                       toml_type_name(element)));
    }
}

void TableReader::finish() {
    if (!table_) return;
    for (const auto& [key, node] : *table_) {
        if (read_.count(key.str())) continue;
        errors_.add(key.source(), fmt::format("[{}]: unknown key \"{}\"", section_, key.str()));
    }
}

}  // namespace chaperone::policies
