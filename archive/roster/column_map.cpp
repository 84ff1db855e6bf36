// Roster column presets and mapping; see column_map.h.
#include "archive/roster/column_map.h"

#include <fmt/format.h>

#include <map>

#include "archive/casefile/text_util.h"

namespace chaperone::archive::roster {
namespace {

struct Field {
    const char* canonical;
    bool required;
};

const std::vector<Field>& fields_of(RosterFile f) {
    static const std::vector<Field> students = {{"upn", true},        {"forename", true},      {"surname", true},
                                                {"dob", true},        {"year_group", false},   {"address_line1", false},
                                                {"town", false},      {"postcode", false}};
    static const std::vector<Field> contacts = {
        {"upn", true}, {"contact_name", true}, {"relationship", false}, {"email", true}, {"phone", false}};
    static const std::vector<Field> staff = {{"name", true}, {"email", true}};
    switch (f) {
        case RosterFile::students: return students;
        case RosterFile::contacts: return contacts;
        case RosterFile::staff: return staff;
    }
    return staff;
}

using Preset = std::map<std::string, std::string>;
struct PresetSet {
    Preset students, contacts, staff;
    bool dmy;
};

const std::map<std::string, PresetSet>& presets() {
    static const std::map<std::string, PresetSet> all = {
        {"sims",
         {{{"upn", "UPN"},
           {"forename", "Legal Forename"},
           {"surname", "Legal Surname"},
           {"dob", "DOB"},
           {"year_group", "Year"},
           {"address_line1", "Street"},
           {"town", "Town"},
           {"postcode", "Postcode"}},
          {{"upn", "UPN"},
           {"contact_name", "Contact Forename + Contact Surname"},
           {"relationship", "Relationship"},
           {"email", "Contact Email"},
           {"phone", "Contact Telephone"}},
          {{"name", "Forename + Surname"}, {"email", "Email"}},
          true}},
        {"arbor",
         {{{"upn", "UPN"},
           {"forename", "Legal first name"},
           {"surname", "Legal last name"},
           {"dob", "Date of birth"},
           {"year_group", "Year"},
           {"address_line1", "Address line 1"},
           {"town", "Town"},
           {"postcode", "Postcode"}},
          {{"upn", "Student UPN"},
           {"contact_name", "Guardian name"},
           {"relationship", "Relationship"},
           {"email", "Email"},
           {"phone", "Mobile"}},
          {{"name", "Name"}, {"email", "Work email"}},
          true}},
        {"bromcom",
         {{{"upn", "UPN"},
           {"forename", "Legal First Name"},
           {"surname", "Legal Last Name"},
           {"dob", "Date Of Birth"},
           {"year_group", "Year Group"},
           {"address_line1", "Address Line 1"},
           {"town", "Town"},
           {"postcode", "Post Code"}},
          {{"upn", "UPN"},
           {"contact_name", "Contact Name"},
           {"relationship", "Relationship"},
           {"email", "Email"},
           {"phone", "Mobile Phone"}},
          {{"name", "Full Name"}, {"email", "Email"}},
          true}},
    };
    return all;
}

std::vector<std::string> split_plus(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t pos = value.find(" + ", start);
        out.push_back(trim(value.substr(start, pos == std::string::npos ? std::string::npos : pos - start)));
        if (pos == std::string::npos) break;
        start = pos + 3;
    }
    return out;
}

Result<FileMapping> build(RosterFile file, const Preset* preset, const std::map<std::string, std::string>& overrides,
                          const char* section) {
    FileMapping mapping;
    for (const auto& [key, value] : overrides) {
        bool known = false;
        for (const auto& f : fields_of(file)) known = known || key == f.canonical;
        if (!known) {
            std::string names;
            for (const auto& f : fields_of(file)) names += std::string(names.empty() ? "" : ", ") + f.canonical;
            return Status::error(Errc::invalid_input,
                                 fmt::format("[roster.{}] {}: not a column of {} (expected one of {})", section, key,
                                             file_label(file), names));
        }
        if (trim(value).empty()) {
            return Status::error(Errc::invalid_input, fmt::format("[roster.{}] {}: empty header name", section, key));
        }
    }
    for (const auto& f : fields_of(file)) {
        std::string header = f.canonical;
        if (preset) {
            if (auto it = preset->find(f.canonical); it != preset->end()) header = it->second;
        }
        if (auto it = overrides.find(f.canonical); it != overrides.end()) header = it->second;
        mapping.columns.push_back(ColumnSpec{f.canonical, split_plus(header), f.required});
    }
    return mapping;
}

}  // namespace

const char* file_label(RosterFile f) {
    switch (f) {
        case RosterFile::students: return "students.csv";
        case RosterFile::contacts: return "contacts.csv";
        case RosterFile::staff: return "staff.csv";
    }
    return "";
}

Result<RosterMapping> roster_mapping(const policies::RosterConfig& config) {
    const PresetSet* preset = nullptr;
    if (config.preset != "canonical") {
        auto it = presets().find(config.preset);
        if (it == presets().end()) {
            return Status::error(Errc::invalid_input, "[roster] preset: unknown preset \"" + config.preset + "\"");
        }
        preset = &it->second;
    }
    RosterMapping mapping;
    mapping.accept_dmy_dates = preset && preset->dmy;
    auto students = build(RosterFile::students, preset ? &preset->students : nullptr, config.students_columns,
                          "students_columns");
    if (!students) return students.status();
    auto contacts = build(RosterFile::contacts, preset ? &preset->contacts : nullptr, config.contacts_columns,
                          "contacts_columns");
    if (!contacts) return contacts.status();
    auto staff = build(RosterFile::staff, preset ? &preset->staff : nullptr, config.staff_columns, "staff_columns");
    if (!staff) return staff.status();
    mapping.students = std::move(students).value();
    mapping.contacts = std::move(contacts).value();
    mapping.staff = std::move(staff).value();
    return mapping;
}

Result<BoundColumns> bind_header(const FileMapping& mapping, const std::vector<std::string>& header,
                                 const std::string& file_name) {
    BoundColumns bound;
    std::vector<std::string> problems;
    for (const auto& column : mapping.columns) {
        std::vector<int> indexes;
        bool missing = false;
        for (const auto& wanted : column.headers) {
            int found = -1;
            for (std::size_t i = 0; i < header.size(); ++i) {
                if (iequals(trim(header[i]), wanted)) {
                    found = static_cast<int>(i);
                    break;
                }
            }
            if (found < 0) {
                if (column.required) {
                    problems.push_back(
                        wanted == column.canonical
                            ? fmt::format("{}:1: no column \"{}\"", file_name, wanted)
                            : fmt::format("{}:1: no column \"{}\" (for {})", file_name, wanted, column.canonical));
                }
                missing = true;
                break;
            }
            indexes.push_back(found);
        }
        if (missing) indexes.clear();
        bound.indexes.push_back(std::move(indexes));
    }
    if (!problems.empty()) {
        std::string message;
        for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
        return Status::error(Errc::invalid_input, message);
    }
    return bound;
}

}  // namespace chaperone::archive::roster
