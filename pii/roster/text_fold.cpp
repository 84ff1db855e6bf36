// Name folding tables; see text_fold.h.
#include "pii/roster/text_fold.h"

#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

// Base letters of U+00C0..U+017F, one character each. '*' marks a non-letter (× ÷) and
// '#' a letter folding to two characters (see fold_special). Upper case in the table
// means the code point is an upper-case letter.
constexpr std::string_view kLatinBase =
    "AAAAAA#CEEEEIIII"   // C0
    "DNOOOOO*OUUUUY##"   // D0
    "aaaaaa#ceeeeiiii"   // E0
    "dnooooo*ouuuuy#y"   // F0
    "AaAaAaCcCcCcCcDd"   // 100
    "DdEeEeEeEeEeGgGg"   // 110
    "GgGgHhHhIiIiIiIi"   // 120
    "Ii##JjKkkLlLlLlL"   // 130
    "lLlNnNnNnnNnOoOo"   // 140
    "Oo##RrRrRrSsSsSs"   // 150
    "SsTtTtTtUuUuUuUu"   // 160
    "UuUuWwYyYZzZzZzs";  // 170

// Two-letter folds: Æ æ Þ þ ß Ĳ ĳ Œ œ.
std::string_view fold_special(char32_t cp, bool* upper) {
    switch (cp) {
        case 0xC6: *upper = true; return "ae";
        case 0xE6: *upper = false; return "ae";
        case 0xDE: *upper = true; return "th";
        case 0xFE: *upper = false; return "th";
        case 0xDF: *upper = false; return "ss";
        case 0x132: *upper = true; return "ij";
        case 0x133: *upper = false; return "ij";
        case 0x152: *upper = true; return "oe";
        case 0x153: *upper = false; return "oe";
        default: *upper = false; return "";
    }
}

bool is_other_script_letter(char32_t cp) {
    if (cp < 0x180) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, currency, symbols, arrows
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    if (cp >= 0xD800 && cp <= 0xF8FF) return false;  // surrogates, private use
    if (cp >= 0xFE00 && cp <= 0xFE6F) return false;  // variation selectors, small forms
    if (cp >= 0xFF00 && cp <= 0xFF20) return false;  // full-width punctuation
    if (cp >= 0xFFF0) return cp >= 0x10000 && cp < 0x1F000;  // specials; emoji planes are not letters
    return true;
}

}  // namespace

DecodedChar decode_utf8(std::string_view text, std::size_t pos) {
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t need = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        need = 1, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        need = 2, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        need = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
        return {0xFFFD, 1};
    }
    if (pos + need >= text.size()) return {0xFFFD, 1};  // truncated sequence
    for (std::size_t i = 1; i <= need; ++i) {
        const auto b = static_cast<unsigned char>(text[pos + i]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
    return {cp, need + 1};
}

bool fold_code_point(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            out.push_back(static_cast<char>(cp - 'A' + 'a'));
            return true;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            out.push_back(static_cast<char>(cp));
            return true;
        }
        return false;
    }
    if (cp >= 0xC0 && cp <= 0x17F) {
        const char base = kLatinBase[cp - 0xC0];
        if (base == '*') return false;
        if (base == '#') {
            bool upper = false;
            out.append(fold_special(cp, &upper));
            return true;
        }
        out.push_back(static_cast<char>(base >= 'A' && base <= 'Z' ? base - 'A' + 'a' : base));
        return true;
    }
    switch (cp) {  // Romanian comma-below letters, common in names
        case 0x218: case 0x219: out.push_back('s'); return true;
        case 0x21A: case 0x21B: out.push_back('t'); return true;
        default: break;
    }
    if (cp >= 0x300 && cp <= 0x36F) return true;  // combining accents (decomposed text): drop, stay in the word
    if (!is_other_script_letter(cp)) return false;
    append_utf8(out, cp);  // other scripts: keep the character itself
    return true;
}

bool is_upper_letter(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0x17F) {
        const char base = kLatinBase[cp - 0xC0];
        if (base == '#') {
            bool upper = false;
            fold_special(cp, &upper);
            return upper;
        }
        return base >= 'A' && base <= 'Z';
    }
    return cp == 0x218 || cp == 0x21A;
}

std::string fold_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const DecodedChar c = decode_utf8(text, pos);
        pos += c.length;
        if (!fold_code_point(c.code_point, out)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace chaperone::pii
