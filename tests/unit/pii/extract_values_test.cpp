// Spreadsheet values: which number formats are dates, serial days to dd/mm/yyyy (both date
// systems, Excel's 29/02/1900), ISO dates, and numbers in General format.
#include "extract_test_support.h"
#include "pii/extract/spreadsheet_values.h"

using namespace chaperone;
using pii::DateKind;

TEST_CASE("date formats: built-in ids and custom codes", "[extract][values]") {
    struct Case {
        int id;
        const char* code;
        DateKind kind;
    };
    const Case cases[] = {
        {0, "", DateKind::none},       {14, "", DateKind::date},          {15, "", DateKind::date},
        {22, "", DateKind::datetime},  {20, "", DateKind::time},          {49, "", DateKind::none},
        {164, "dd/mm/yyyy", DateKind::date},
        {164, "DD/MM/YYYY", DateKind::date},
        {164, "[$-809]dd mmmm yyyy;@", DateKind::date},
        {164, "yyyy-mm-dd hh:mm", DateKind::datetime},
        {164, "[h]:mm:ss", DateKind::time},
        {164, "hh:mm", DateKind::time},
        {164, "\"Day \"0", DateKind::none},
        {164, "0.00", DateKind::none},
        {164, "#,##0;[Red]-#,##0", DateKind::none},
        {164, "General", DateKind::none},
        {164, "\\d0", DateKind::none},
    };
    for (const Case& c : cases) {
        INFO(c.id << " " << c.code);
        CHECK(pii::date_kind_of_format(c.id, c.code) == c.kind);
    }
}

TEST_CASE("serial day numbers as dates", "[extract][values]") {
    CHECK(pii::format_serial_date(42463, false, DateKind::date) == "03/04/2016");
    CHECK(pii::format_serial_date(1, false, DateKind::date) == "01/01/1900");
    CHECK(pii::format_serial_date(59, false, DateKind::date) == "28/02/1900");
    CHECK(pii::format_serial_date(60, false, DateKind::date) == "29/02/1900");
    CHECK(pii::format_serial_date(61, false, DateKind::date) == "01/03/1900");
    CHECK(pii::format_serial_date(2958465, false, DateKind::date) == "31/12/9999");
    CHECK(pii::format_serial_date(0, true, DateKind::date) == "01/01/1904");
    CHECK(pii::format_serial_date(42463.75, false, DateKind::datetime) == "03/04/2016 18:00");
    CHECK(pii::format_serial_date(42463, false, DateKind::datetime) == "03/04/2016");
    CHECK(pii::format_serial_date(0.5, false, DateKind::time) == "12:00");
    CHECK(pii::format_serial_date(-1, false, DateKind::date) == "");
    CHECK(pii::format_serial_date(3e6, false, DateKind::date) == "");
}

TEST_CASE("ISO dates and numbers", "[extract][values]") {
    CHECK(pii::format_iso_date("2016-04-03") == "03/04/2016");
    CHECK(pii::format_iso_date("2016-04-03T00:00:00") == "03/04/2016");
    CHECK(pii::format_iso_date("2016-04-03T10:30:00") == "03/04/2016 10:30");
    CHECK(pii::format_iso_date("03/04/2016") == "");
    CHECK(pii::format_iso_date("2016-4-3") == "");
    CHECK(pii::tidy_number("7700900123") == "7700900123");
    CHECK(pii::tidy_number("7.7009001229999995E+9") == "7700900123");
    CHECK(pii::tidy_number("1.5E-3") == "0.0015");
    CHECK(pii::tidy_number("9.5") == "9.5");
}
