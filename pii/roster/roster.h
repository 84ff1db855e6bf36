// The school's roster as plain data: pupils, their contacts (parents and carers), staff.
//
// archive/ loads it from the SQLite store (after `chaperone roster import`) and hands it to
// pii/, which builds its indexes from it (roster_index.h). Fields are as imported, UTF-8,
// trimmed; dob is "YYYY-MM-DD"; emails lower-case.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chaperone::pii {

struct Pupil {
    std::string upn;
    std::string forename;
    std::string surname;
    std::string dob;  // YYYY-MM-DD
    std::string year_group;
    std::string address_line1;
    std::string town;
    std::string postcode;
};

struct Contact {
    std::string upn;           // the pupil this contact is for (a parent of two has two rows)
    std::string contact_name;  // "Mrs Sarah Smith", "Sarah Smith", "Smith, Sarah"
    std::string relationship;  // Mother, Father, Carer, Grandparent, ...
    std::string email;
    std::string phone;
};

struct StaffMember {
    std::string name;
    std::string email;
};

struct Roster {
    std::vector<Pupil> pupils;
    std::vector<Contact> contacts;
    std::vector<StaffMember> staff;
    std::uint64_t version = 0;  // changes on every import; lets readers see a reload is due
};

}  // namespace chaperone::pii
