// Which column of a school's MIS export holds each canonical roster field.
//
// The canonical headers (DESIGN.md) need no mapping. For exports from a management
// information system, `[roster] preset` names the usual headers of that system's report
// exports, and `[roster.students_columns]` / `contacts_columns` / `staff_columns`
// (canonical name = "Export Header") override single fields. A value may join several
// export columns with " + " ("Contact Forename + Contact Surname"); their values are joined
// with a space. Headers match case-insensitively, ignoring surrounding spaces.
//
// The presets are the field names those systems use in their report designers and
// exports, as commonly configured (they differ between versions and report templates,
// which is what the overrides are for):
//   sims:    students  UPN, Legal Forename, Legal Surname, DOB (dd/mm/yyyy), Year, Street, Town, Postcode
//            contacts  UPN, Contact Forename + Contact Surname, Relationship, Contact Email, Contact Telephone
//            staff     Forename + Surname, Email
//   arbor:   students  UPN, Legal first name, Legal last name, Date of birth, Year, Address line 1, Town, Postcode
//            contacts  Student UPN, Guardian name, Relationship, Email, Mobile
//            staff     Name, Work email
//   bromcom: students  UPN, Legal First Name, Legal Last Name, Date Of Birth, Year Group, Address Line 1, Town, Post Code
//            contacts  UPN, Contact Name, Relationship, Email, Mobile Phone
//            staff     Full Name, Email
// Canonical files take dates as YYYY-MM-DD only; the presets accept dd/mm/yyyy as well.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive::roster {

enum class RosterFile { students, contacts, staff };
const char* file_label(RosterFile f);  // "students.csv", ...

struct ColumnSpec {
    std::string canonical;              // "forename"
    std::vector<std::string> headers;   // export headers joined into the value
    bool required = false;              // the column must be in the file
};

struct FileMapping {
    std::vector<ColumnSpec> columns;    // in canonical order
};

struct RosterMapping {
    FileMapping students, contacts, staff;
    bool accept_dmy_dates = false;      // dd/mm/yyyy besides yyyy-mm-dd
};

// Preset plus overrides. An override naming no canonical column is an error.
Result<RosterMapping> roster_mapping(const policies::RosterConfig& config);

// Column indexes of each canonical field in a header row (-1: optional and absent).
struct BoundColumns {
    std::vector<std::vector<int>> indexes;  // parallel to FileMapping::columns
};
// Fails naming the file, line 1, and the missing header (and the canonical field it is for).
Result<BoundColumns> bind_header(const FileMapping& mapping, const std::vector<std::string>& header,
                                 const std::string& file_name);

}  // namespace chaperone::archive::roster
