// Reading and validating the roster CSVs into a pii::Roster, all or nothing.
//
//   auto outcome = import_roster_files({"students.csv", "contacts.csv", "staff.csv"}, config.roster);
//   if (!outcome.problems.empty()) { print each; refuse; }      // nothing is half-loaded
//   store.roster().replace_roster(outcome.roster, actor);
//
// Every problem in every file is reported, one line each, as "<file>:<line>: <what>":
// wrong field counts, malformed records, missing required values, UPNs of wrong form or
// check letter, impossible or future dates of birth, implausible email addresses, duplicate
// pupils / contacts / staff, and contacts whose upn is not in students.csv. At most
// kMaxProblemsReported lines are kept (the count of the rest is reported).
//
// Values are trimmed; UPNs upper-cased; emails lower-cased; dates stored as YYYY-MM-DD.
//
// Thread-safety: pure apart from reading the files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "archive/roster/column_map.h"
#include "archive/roster/csv_reader.h"
#include "pii/roster/roster.h"
#include "policies/config/config.h"

namespace chaperone::archive::roster {

constexpr std::size_t kMaxProblemsReported = 1000;

struct RosterFiles {
    std::string students;
    std::string contacts;
    std::string staff;  // empty: no staff file
};

struct ImportOutcome {
    pii::Roster roster;
    std::vector<std::string> problems;  // "contacts.csv:17: upn X not in students.csv"
    std::size_t problems_not_shown = 0;
    bool ok() const { return problems.empty(); }
};

ImportOutcome import_roster_files(const RosterFiles& files, const policies::RosterConfig& config,
                                  const CsvLimits& limits = {});

// The same from CSV text in memory; names are used in messages.
struct RosterTexts {
    std::string students_name, students;
    std::string contacts_name, contacts;
    std::string staff_name, staff;  // staff_name empty: no staff file
};
ImportOutcome import_roster_texts(const RosterTexts& texts, const policies::RosterConfig& config,
                                  const CsvLimits& limits = {});

// Field checks, exposed for tests.
// "YYYY-MM-DD" (and "dd/mm/yyyy" when accept_dmy) -> "YYYY-MM-DD"; nullopt if invalid.
std::optional<std::string> normalise_date(const std::string& text, bool accept_dmy);
bool plausible_email(const std::string& email);

}  // namespace chaperone::archive::roster
