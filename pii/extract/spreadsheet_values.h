// How spreadsheet cell values are written into extracted text, shared by the xlsx and ods
// readers so both produce the same row for the same data.
//
// Dates are dd/mm/yyyy (UK order, what a reader of a class list sees and what the DOB
// detector looks for), with " hh:mm" when the format shows a time; times alone are hh:mm.
// A number is a date when its number format is: the built-in date formats of Excel, or a
// custom format code with day/month/year tokens outside quotes and brackets.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace chaperone::pii {

enum class DateKind { none, date, time, datetime };

// `format_id` is the numFmtId; `format_code` its code for custom formats (id >= 164), else "".
DateKind date_kind_of_format(int format_id, std::string_view format_code);

// An Excel serial day number (1900 system, with its 29/02/1900, or the 1904 system) as
// text; "" when it is outside 1900..9999.
std::string format_serial_date(double serial, bool date1904, DateKind kind);

// ISO 8601 "2016-04-03" or "2016-04-03T10:30:00" as "03/04/2016" ("03/04/2016 10:30" when
// the time is not midnight); "" when it is not such a date.
std::string format_iso_date(std::string_view iso);

// A stored number as a reader would see it in General format: "7700900123" stays, and
// "7.7009001229999995E+9" becomes "7700900123".
std::string tidy_number(std::string_view stored);

}  // namespace chaperone::pii
