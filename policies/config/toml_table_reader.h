// Reads one TOML table into typed fields, collecting errors with file:line:col.
//
// Each config section is parsed by a short function that names its keys once:
//     TableReader r(table, "school", errors);
//     r.string("name", cfg.name);
//     r.string_list("internal_domains", cfg.internal_domains);
//     r.finish();   // every key not read above is reported as unknown
// Wrong types and out-of-range values become "expected ..." errors; a key that is absent
// leaves the field at its default.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chaperone::policies {

class ConfigErrors {
public:
    explicit ConfigErrors(std::string file) : file_(std::move(file)) {}
    void add(const toml::source_region& where, const std::string& message);
    void add_plain(const std::string& message) { lines_.push_back(file_ + ": " + message); }
    bool empty() const { return lines_.empty(); }
    std::string joined() const;
    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<std::string> lines_;
};

class TableReader {
public:
    // `table` may be null (section absent): every read keeps its default.
    TableReader(const toml::table* table, std::string section, ConfigErrors& errors);

    bool has(std::string_view key) const;
    void string(std::string_view key, std::string& out);
    void one_of(std::string_view key, std::string& out, const std::vector<std::string>& choices);
    void string_list(std::string_view key, std::vector<std::string>& out);
    void boolean(std::string_view key, bool& out);
    void integer(std::string_view key, int& out, std::int64_t min, std::int64_t max);
    void size(std::string_view key, std::uint64_t& out, std::uint64_t min, std::uint64_t max);
    void number(std::string_view key, double& out, double min, double max);
    // A mode like 0660, written as a string "0660" (TOML integers are decimal).
    void file_mode(std::string_view key, unsigned& out);
    // A path; relative paths are made absolute against `base`.
    void path(std::string_view key, std::filesystem::path& out, const std::filesystem::path& base);
    // A table of string -> string (e.g. column mappings).
    void string_map(std::string_view key, std::map<std::string, std::string>& out);
    // A sub-table handed to `parse`; marks the key as read.
    const toml::table* subtable(std::string_view key);
    // An array of tables ([[section]]); each handed to `parse`.
    void table_array(std::string_view key, const std::function<void(const toml::table&)>& parse);

    // Reports every key in the table that no call above asked for.
    void finish();

    void error_at(std::string_view key, const std::string& expected);

private:
    const toml::node* get(std::string_view key);
    std::string name(std::string_view key) const;

    const toml::table* table_;
    std::string section_;
    ConfigErrors& errors_;
    std::set<std::string, std::less<>> read_;
};

// "integer", "string", ... for messages.
std::string toml_type_name(const toml::node& node);

}  // namespace chaperone::policies
