// UK postcode rules; see uk_postcode.h.
#include "pii/detect/uk_postcode.h"

#include <algorithm>
#include <array>

namespace chaperone::pii {
namespace {

constexpr std::array<std::string_view, 125> kAreas = {
    "AB", "AL", "B",  "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM",
    "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",  "EC", "EH", "EN",
    "EX", "FK", "FY", "G",  "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP",
    "IV", "JE", "KA", "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M",  "ME", "MK", "ML",
    "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM",
    "S",  "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF",
    "TN", "TQ", "TR", "TS", "TW", "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE"};

bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool in(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

}  // namespace

bool is_valid_uk_postcode(std::string_view pc) {
    if (pc == "GIR0AA") return true;
    if (pc.size() < 5 || pc.size() > 7) return false;
    const std::string_view inward = pc.substr(pc.size() - 3);
    const std::string_view outward = pc.substr(0, pc.size() - 3);
    if (!is_digit(inward[0]) || !is_letter(inward[1]) || !is_letter(inward[2])) return false;
    if (in(inward[1], "CIKMOV") || in(inward[2], "CIKMOV")) return false;

    std::size_t letters = 0;
    while (letters < outward.size() && is_letter(outward[letters])) ++letters;
    if (letters < 1 || letters > 2 || letters == outward.size()) return false;
    const std::string_view area = outward.substr(0, letters);
    if (std::find(kAreas.begin(), kAreas.end(), area) == kAreas.end()) return false;
    if (in(outward[0], "QVX")) return false;
    if (letters == 2 && in(outward[1], "IJZ")) return false;

    const std::string_view district = outward.substr(letters);  // 9, 99, 9A
    if (!is_digit(district[0])) return false;
    if (district.size() == 1) return true;
    if (district.size() != 2) return false;
    if (is_digit(district[1])) return true;
    // A trailing letter: A9A takes ABCDEFGHJKPSTUW, AA9A takes ABEHMNPRVWXY.
    return letters == 1 ? in(district[1], "ABCDEFGHJKPSTUW") : in(district[1], "ABEHMNPRVWXY");
}

std::string format_uk_postcode(std::string_view compact) {
    if (compact.size() < 5) return std::string(compact);
    return std::string(compact.substr(0, compact.size() - 3)) + " " + std::string(compact.substr(compact.size() - 3));
}

}  // namespace chaperone::pii
