// UK phone validation; see uk_phone.h.
#include "pii/detect/uk_phone.h"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace chaperone::pii {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& phone_util() {
    static PhoneNumberUtil* util = [] {
        PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
        u->SetLogger(new i18n::phonenumbers::NullLogger());  // takes ownership; parse errors are expected here
        return u;
    }();
    return *util;
}

}  // namespace

UkPhoneValidity check_uk_phone(std::string_view national) {
    if (national.size() < 10 || national.size() > 11 || national[0] != '0') return UkPhoneValidity::invalid;
    const char prefix = national[1];
    if (prefix != '1' && prefix != '2' && prefix != '7') return UkPhoneValidity::invalid;
    if (prefix == '7' && national.size() != 11) return UkPhoneValidity::invalid;
    const PhoneNumberUtil& util = phone_util();
    PhoneNumber number;
    if (util.Parse(std::string(national), "GB", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return UkPhoneValidity::invalid;
    }
    if (number.country_code() != 44) return UkPhoneValidity::invalid;
    if (util.IsValidNumber(number)) return UkPhoneValidity::valid;
    if (util.IsPossibleNumber(number)) return UkPhoneValidity::possible;
    return UkPhoneValidity::invalid;
}

}  // namespace chaperone::pii
