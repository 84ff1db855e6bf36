// Roster CSV validation; see roster_importer.h.
#include "archive/roster/roster_importer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "archive/casefile/text_util.h"
#include "archive/casefile/timestamp.h"
#include "archive/roster/upn.h"

namespace chaperone::archive::roster {
namespace {

class Problems {
public:
    explicit Problems(ImportOutcome& out) : out_(out) {}
    void add(std::string problem) {
        if (out_.problems.size() < kMaxProblemsReported) {
            out_.problems.push_back(std::move(problem));
        } else {
            ++out_.problems_not_shown;
        }
    }
    void add(const std::string& file, std::size_t line, const std::string& what) {
        add(fmt::format("{}:{}: {}", file, line, what));
    }

private:
    ImportOutcome& out_;
};

// One file's records as canonical-field maps, with their line numbers.
struct Row {
    std::size_t line;
    std::map<std::string, std::string> values;
    std::string problem;  // the record could not be read; reported in line order with the rest
};

std::vector<Row> rows_of(const std::string& text, const std::string& name, const FileMapping& mapping,
                         const CsvLimits& limits, Problems& problems) {
    std::vector<Row> rows;
    auto table = parse_csv(text, name, limits);
    if (!table) {
        problems.add(table.error_message());
        return rows;
    }
    if (table->records.empty()) {
        problems.add(name + ":1: the file is empty (expected a header line)");
        return rows;
    }
    auto bound = bind_header(mapping, table->records[0].fields, name);
    if (!bound) {
        problems.add(bound.error_message());
        return rows;
    }
    const std::size_t width = table->records[0].fields.size();
    for (std::size_t r = 1; r < table->records.size(); ++r) {
        const CsvRecord& record = table->records[r];
        if (!record.problem.empty()) {
            rows.push_back(Row{record.line, {}, record.problem});
            continue;
        }
        if (record.fields.size() != width) {
            rows.push_back(Row{record.line, {},
                               fmt::format("expected {} fields as in the header, found {}", width, record.fields.size())});
            continue;
        }
        Row row{record.line, {}, {}};
        for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
            std::string value;
            for (int index : bound->indexes[c]) {
                std::string part = trim(record.fields[static_cast<std::size_t>(index)]);
                if (part.empty()) continue;
                if (!value.empty()) value += ' ';
                value += part;
            }
            row.values[mapping.columns[c].canonical] = value;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string display_name(const std::string& path) { return path; }

}  // namespace

std::optional<std::string> normalise_date(const std::string& text, bool accept_dmy) {
    int y = 0, m = 0, d = 0;
    auto digits = [](std::string_view s, int& out) {
        if (s.empty()) return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    std::string_view s = text;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        if (!digits(s.substr(0, 4), y) || !digits(s.substr(5, 2), m) || !digits(s.substr(8, 2), d)) return std::nullopt;
    } else if (accept_dmy && s.size() == 10 && s[2] == '/' && s[5] == '/') {
        if (!digits(s.substr(0, 2), d) || !digits(s.substr(3, 2), m) || !digits(s.substr(6, 4), y)) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!valid_civil_date(y, m, d)) return std::nullopt;
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

bool plausible_email(const std::string& email) {
    if (email.size() < 3 || email.size() > 254) return false;
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
    if (at > 64) return false;
    std::string domain = email.substr(at + 1);
    if (domain.empty() || domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string::npos) {
        return false;
    }
    for (unsigned char c : email) {
        if (c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')' || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

ImportOutcome import_roster_texts(const RosterTexts& texts, const policies::RosterConfig& config,
                                  const CsvLimits& limits) {
    ImportOutcome out;
    Problems problems(out);
    auto mapping = roster_mapping(config);
    if (!mapping) {
        problems.add(mapping.error_message());
        return out;
    }
    const bool dmy = mapping->accept_dmy_dates;
    const std::string date_forms = dmy ? "YYYY-MM-DD or DD/MM/YYYY" : "YYYY-MM-DD";
    const std::string today = format_date(now_utc());

    // Pupils.
    const std::string& sname = texts.students_name;
    std::map<std::string, std::size_t> upn_line;
    for (const auto& row : rows_of(texts.students, sname, mapping->students, limits, problems)) {
        if (!row.problem.empty()) {
            problems.add(sname, row.line, row.problem);
            continue;
        }
        auto v = row.values;
        pii::Pupil p;
        p.upn = ascii_upper(v["upn"]);
        p.forename = v["forename"];
        p.surname = v["surname"];
        p.year_group = v["year_group"];
        p.address_line1 = v["address_line1"];
        p.town = v["town"];
        p.postcode = ascii_upper(v["postcode"]);
        bool ok = true;
        for (const char* required : {"upn", "forename", "surname", "dob"}) {
            if (v[required].empty()) {
                problems.add(sname, row.line, fmt::format("{} is empty", required));
                ok = false;
            }
        }
        if (!p.upn.empty()) {
            if (std::string why = upn_problem(p.upn); !why.empty()) {
                problems.add(sname, row.line, fmt::format("upn {}: {}", p.upn, why));
                ok = false;
            } else if (auto [it, inserted] = upn_line.emplace(p.upn, row.line); !inserted) {
                problems.add(sname, row.line, fmt::format("duplicate upn {} (first on line {})", p.upn, it->second));
                ok = false;
            }
        }
        if (!v["dob"].empty()) {
            auto dob = normalise_date(v["dob"], dmy);
            if (!dob) {
                problems.add(sname, row.line, fmt::format("dob \"{}\": not a valid date ({})", v["dob"], date_forms));
                ok = false;
            } else if (*dob > today || *dob < "1900-01-01") {
                problems.add(sname, row.line, fmt::format("dob {}: not a plausible date of birth", *dob));
                ok = false;
            } else {
                p.dob = *dob;
            }
        }
        if (ok) out.roster.pupils.push_back(std::move(p));
    }

    // Contacts.
    const std::string& cname = texts.contacts_name;
    const std::string students_file = std::filesystem::path(sname).filename().string();
    std::map<std::pair<std::string, std::string>, std::size_t> contact_line;
    for (const auto& row : rows_of(texts.contacts, cname, mapping->contacts, limits, problems)) {
        if (!row.problem.empty()) {
            problems.add(cname, row.line, row.problem);
            continue;
        }
        auto v = row.values;
        pii::Contact c;
        c.upn = ascii_upper(v["upn"]);
        c.contact_name = v["contact_name"];
        c.relationship = v["relationship"];
        c.email = ascii_lower(v["email"]);
        c.phone = v["phone"];
        bool ok = true;
        for (const char* required : {"upn", "contact_name"}) {
            if (v[required].empty()) {
                problems.add(cname, row.line, fmt::format("{} is empty", required));
                ok = false;
            }
        }
        if (!c.upn.empty() && !upn_line.count(c.upn)) {
            problems.add(cname, row.line, fmt::format("upn {} not in {}", c.upn, students_file));
            ok = false;
        }
        if (!c.email.empty() && !plausible_email(c.email)) {
            problems.add(cname, row.line, fmt::format("email \"{}\": not a plausible email address", c.email));
            ok = false;
        }
        std::string who = c.email.empty() ? ascii_lower(c.contact_name) : c.email;
        if (!c.upn.empty() && !who.empty()) {
            if (auto [it, inserted] = contact_line.emplace(std::make_pair(c.upn, who), row.line); !inserted) {
                problems.add(cname, row.line,
                             fmt::format("duplicate contact for upn {} (first on line {})", c.upn, it->second));
                ok = false;
            }
        }
        if (ok) out.roster.contacts.push_back(std::move(c));
    }

    // Staff.
    if (!texts.staff_name.empty()) {
        const std::string& tname = texts.staff_name;
        std::map<std::string, std::size_t> email_line;
        for (const auto& row : rows_of(texts.staff, tname, mapping->staff, limits, problems)) {
            if (!row.problem.empty()) {
                problems.add(tname, row.line, row.problem);
                continue;
            }
            auto v = row.values;
            pii::StaffMember s{v["name"], ascii_lower(v["email"])};
            bool ok = true;
            for (const char* required : {"name", "email"}) {
                if (v[required].empty()) {
                    problems.add(tname, row.line, fmt::format("{} is empty", required));
                    ok = false;
                }
            }
            if (!s.email.empty()) {
                if (!plausible_email(s.email)) {
                    problems.add(tname, row.line, fmt::format("email \"{}\": not a plausible email address", s.email));
                    ok = false;
                } else if (auto [it, inserted] = email_line.emplace(s.email, row.line); !inserted) {
                    problems.add(tname, row.line,
                                 fmt::format("duplicate email {} (first on line {})", s.email, it->second));
                    ok = false;
                }
            }
            if (ok) out.roster.staff.push_back(std::move(s));
        }
    }
    if (out.problems.empty() && out.roster.pupils.empty()) problems.add(sname + ": no pupils");
    if (!out.problems.empty()) out.roster = pii::Roster{};
    return out;
}

ImportOutcome import_roster_files(const RosterFiles& files, const policies::RosterConfig& config,
                                  const CsvLimits& limits) {
    ImportOutcome out;
    RosterTexts texts;
    auto read = [&](const std::string& path, std::string& name, std::string& text) {
        name = display_name(path);
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            out.problems.push_back(path + ": cannot open");
            return;
        }
        std::string bytes;
        char buffer[1 << 16];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
            bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
            if (bytes.size() > limits.max_file_bytes) {
                out.problems.push_back(fmt::format("{}: larger than {} bytes", path, limits.max_file_bytes));
                return;
            }
        }
        text = std::move(bytes);
    };
    read(files.students, texts.students_name, texts.students);
    read(files.contacts, texts.contacts_name, texts.contacts);
    if (!files.staff.empty()) read(files.staff, texts.staff_name, texts.staff);
    if (!out.problems.empty()) return out;
    return import_roster_texts(texts, config, limits);
}

}  // namespace chaperone::archive::roster
