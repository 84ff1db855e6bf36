// Check-digit rules: published vectors, vectors computed by the rule, and near misses.
#include <catch2/catch.hpp>

#include "pii/detect/checksums.h"
#include "pii/detect/la_codes.h"
#include "pii/detect/uk_postcode.h"

using namespace chaperone::pii;

TEST_CASE("UPN check letter follows the DfE algorithm", "[detect][checksum][upn]") {
    CHECK(upn_check_letter("801200005001") == 'B');  // DfE / python-stdnum test vector
    CHECK(is_valid_upn("B801200005001"));
    CHECK_FALSE(is_valid_upn("A801200005001"));   // wrong check letter
    CHECK(is_valid_upn("H856212316001"));          // computed by the rule, Leicester (856)
    CHECK_FALSE(is_valid_upn("H856212316002"));   // one digit changed
    CHECK(is_valid_upn("U85621231600A"));          // temporary UPN: final letter counts as its index
    CHECK(is_temporary_upn("U85621231600A"));
    CHECK_FALSE(is_temporary_upn("B801200005001"));
    CHECK_FALSE(is_valid_upn("A123456789012"));   // check letter right, 123 is no local authority
    CHECK_FALSE(is_valid_upn("X00180001701A"));   // check letter right, 001 is no local authority
    CHECK_FALSE(is_valid_upn("B80120000500"));    // too short
    CHECK_FALSE(is_valid_upn("B80120000A001"));   // letters only at the end
    CHECK_FALSE(is_valid_upn("I801200005001"));   // I is never a check letter
}

TEST_CASE("English LA codes", "[detect][checksum][upn]") {
    for (const char* code : {"201", "320", "330", "420", "801", "856", "855", "938", "940", "943"}) {
        INFO(code);
        CHECK(is_english_la_code(code));
    }
    for (const char* code : {"000", "001", "123", "200", "400", "700", "999", "85", "8560", "8a6"}) {
        INFO(code);
        CHECK_FALSE(is_english_la_code(code));
    }
}

TEST_CASE("ULN mod-11 rule", "[detect][checksum][uln]") {
    // 1*10+2*9+3*8+4*7+5*6+6*5+7*4+8*3+9*2 = 210; 210 mod 11 = 1; check 10-1 = 9.
    CHECK(is_valid_uln("1234567899"));
    CHECK(is_valid_uln("4000000011"));   // 40 mod 11 = 7... computed: check digit 1
    CHECK(is_valid_uln("5551234567"));
    CHECK(is_valid_uln("1111111110"));   // 54 mod 11 = 10, check 0
    CHECK_FALSE(is_valid_uln("1234567898"));
    CHECK_FALSE(is_valid_uln("0234567899"));  // never starts with 0
    CHECK_FALSE(is_valid_uln("123456789"));
    CHECK_FALSE(is_valid_uln("98765432100"));
    // 9,8,...,1 gives 330, remainder 0: no check digit exists, so no ULN starts 987654321.
    for (char d = '0'; d <= '9'; ++d) CHECK_FALSE(is_valid_uln(std::string("987654321") + d));
}

TEST_CASE("NHS number modulus 11", "[detect][checksum][nhs]") {
    CHECK(is_valid_nhs_number("9434765919"));   // NHS Digital's published example
    CHECK_FALSE(is_valid_nhs_number("9434765918"));
    CHECK(is_valid_nhs_number("3726705791"));   // random numbers that pass: why context is required
    CHECK(is_valid_nhs_number("7700900108"));
    CHECK_FALSE(is_valid_nhs_number("0000000000"));  // passes the arithmetic, rejected as all-same
    CHECK_FALSE(is_valid_nhs_number("1111111111"));
    CHECK_FALSE(is_valid_nhs_number("943476591"));
    CHECK_FALSE(is_valid_nhs_number("94347659190"));
    CHECK_FALSE(is_valid_nhs_number("943476591a"));
}

TEST_CASE("NHS and ULN rules never accept the same number", "[detect][checksum]") {
    // NHS check = 11 - r, ULN check = 10 - r for the same weighted sum: they always differ.
    CHECK(is_valid_nhs_number("9434765919"));
    CHECK_FALSE(is_valid_uln("9434765919"));
    CHECK(is_valid_uln("1234567899"));
    CHECK_FALSE(is_valid_nhs_number("1234567899"));
}

TEST_CASE("National Insurance number prefixes", "[detect][checksum][nino]") {
    CHECK(is_valid_nino("AB123456C"));
    CHECK(is_valid_nino("JG103759A"));
    CHECK(is_valid_nino("JG103759"));   // suffix may be absent
    CHECK_FALSE(is_valid_nino("AB123456E"));  // suffix A-D only
    for (const char* prefix : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ",
                               "DA", "FA", "IA", "QA", "UA", "VA", "AD", "AF", "AI", "AO", "AQ", "AU", "AV"}) {
        INFO(prefix);
        CHECK_FALSE(is_valid_nino_prefix(prefix));
    }
    CHECK(is_valid_nino_prefix("AA"));
    CHECK(is_valid_nino_prefix("ZY"));
    CHECK(is_valid_nino_prefix("OA"));  // O is only barred in second place
}

TEST_CASE("UK postcode format rules", "[detect][postcode]") {
    for (const char* pc : {"LE46XT", "LE41FX", "SW1A1AA", "EC1A1BB", "W1A0AX", "M11AE", "B338TH", "CR26XH", "DN551PT",
                           "GIR0AA", "BT11AA"}) {
        INFO(pc);
        CHECK(is_valid_uk_postcode(pc));
    }
    for (const char* pc : {"QE46XT",   // Q never first
                           "LJ46XT",   // J never second
                           "XX11AA",   // no such area
                           "LE46CT",   // C never in the inward letters
                           "W1L0AX",   // A9A: L not allowed third
                           "EC1C1BB",  // AA9A: C not allowed fourth
                           "LE4",      // outward only
                           "LE46X", "LE4XXT", "12345"}) {
        INFO(pc);
        CHECK_FALSE(is_valid_uk_postcode(pc));
    }
    CHECK(format_uk_postcode("LE46XT") == "LE4 6XT");
}
