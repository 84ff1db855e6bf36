// Name splitting; see person_name_parts.h.
#include "pii/roster/person_name_parts.h"

#include <array>
#include <vector>

#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

// Lower-case particles that belong to the surname that follows them.
bool is_surname_particle(std::string_view folded) {
    static constexpr std::array<std::string_view, 18> kParticles = {
        "van", "von", "der", "den", "de", "da", "di", "du", "le", "la", "del", "della", "dos", "bin", "binti", "al", "el", "ter"};
    for (auto p : kParticles) {
        if (p == folded) return true;
    }
    return false;
}

bool is_suffix(std::string_view folded) {
    return folded == "jr" || folded == "jnr" || folded == "sr" || folded == "snr" || folded == "ii" || folded == "iii";
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"') {
            if (!current.empty()) words.push_back(std::move(current)), current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

std::string trim_dots(std::string word) {
    while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.pop_back();
    return word;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) out.push_back(' ');
        out += words[i];
    }
    return out;
}

}  // namespace

bool is_personal_title(std::string_view folded) {
    static constexpr std::array<std::string_view, 14> kTitles = {
        "mr", "mrs", "ms", "miss", "mx", "dr", "master", "prof", "sir", "dame", "lady", "lord", "rev", "revd"};
    for (auto t : kTitles) {
        if (t == folded) return true;
    }
    return false;
}

PersonNameParts parse_person_name(std::string_view name) {
    PersonNameParts parts;
    std::vector<std::string> words;
    if (const auto comma = name.find(','); comma != std::string_view::npos) {
        // "Smith, Sarah" / "Smith, Mrs Sarah": given names after the comma.
        std::vector<std::string> family = split_words(name.substr(0, comma));
        std::vector<std::string> given = split_words(name.substr(comma + 1));
        words = given;
        words.insert(words.end(), family.begin(), family.end());
        // Mark where the surname starts so a multi-word family name stays whole.
        std::size_t first = 0;
        while (first < words.size() && is_personal_title(fold_text(trim_dots(words[first])))) {
            parts.title = fold_text(trim_dots(words[first]));
            ++first;
        }
        const std::size_t surname_from = words.size() - family.size();
        if (family.empty()) return parse_person_name(name.substr(comma + 1));
        parts.surname = join(words, surname_from, words.size());
        if (first < surname_from) {
            parts.forename = trim_dots(words[first]);
            parts.middle = join(words, first + 1, surname_from);
        }
    } else {
        words = split_words(name);
        std::size_t first = 0;
        while (first < words.size() && is_personal_title(fold_text(trim_dots(words[first])))) {
            parts.title = fold_text(trim_dots(words[first]));
            ++first;
        }
        std::size_t last = words.size();
        while (last > first + 1 && is_suffix(fold_text(trim_dots(words[last - 1])))) --last;
        if (first >= last) return parts;
        if (last - first == 1) {
            (parts.title.empty() ? parts.forename : parts.surname) = trim_dots(words[first]);
        } else {
            std::size_t surname_from = last - 1;
            while (surname_from > first + 1 && is_surname_particle(fold_text(words[surname_from - 1]))) --surname_from;
            parts.surname = join(words, surname_from, last);
            parts.forename = trim_dots(words[first]);
            parts.middle = join(words, first + 1, surname_from);
        }
    }
    const std::string folded_forename = fold_text(parts.forename);
    parts.forename_is_initial = folded_forename.size() == 1;
    return parts;
}

PersonNameParts name_from_email_local_part(std::string_view local_part) {
    PersonNameParts parts;
    std::vector<std::string> pieces(1);
    for (char c : local_part) {
        if (c == '.' || c == '_' || c == '-') {
            pieces.emplace_back();
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            pieces.back().push_back(c);
        } else {
            return parts;  // digits or symbols: not a name
        }
    }
    if (pieces.size() != 2 || pieces[0].size() < 2 || pieces[1].size() < 2) return parts;
    parts.forename = pieces[0];
    parts.surname = pieces[1];
    return parts;
}

}  // namespace chaperone::pii
