// Password-in-text detection; see password_disclosure.h.
#include "policies/rules/password_disclosure.h"

#include <algorithm>
#include <cstdlib>
#include <array>
#include <cctype>
#include <string>

namespace chaperone::policies {
namespace {

constexpr std::size_t kMaxWordsBeforeSeparator = 7;  // "password for the attached report is"
constexpr std::size_t kMaxLookaheadBytes = 120;      // keyword to separator, same line
constexpr int kNearbyLines = 3;                      // a lone token this close to "password"

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Keywords, lower case; matched at word boundaries.
constexpr std::array<std::string_view, 9> kKeywords = {"password", "passwords", "passcode", "passphrase", "passwd",
                                                       "pword",    "pwd",       "pw",       "p/w"};

// Words that follow "password is/:" in prose, never a password themselves.
bool stop_word(const std::string& w) {
    static const std::string_view kStop[] = {
        "a", "an", "the", "your", "you", "his", "her", "their", "my", "our", "its", "this", "that", "these", "those",
        "is", "are", "was", "be", "being", "been", "will", "would", "should", "can", "could", "may", "might", "must",
        "to", "in", "on", "at", "by", "for", "of", "as", "via", "with", "from", "and", "or", "not", "no", "yes",
        "sent", "send", "sending", "coming", "follow", "follows", "following", "separately", "separate", "below",
        "above", "attached", "enclosed", "included", "required", "needed", "protected", "same", "usual", "different",
        "changed", "set", "known", "available", "text", "texted", "phone", "phoned", "call", "sms", "email",
        "emailed", "tbc", "tba", "what", "which", "case", "correct", "wrong", "here", "there", "unchanged", "date",
        "birthday", "postcode", "name", "surname", "child", "childs", "see", "ask", "please"};
    return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}

struct LineSpan {
    std::size_t start, end;  // [start, end) without the line break
};

std::vector<LineSpan> lines_of(std::string_view text) {
    std::vector<LineSpan> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::size_t trimmed = end;
        if (trimmed > pos && text[trimmed - 1] == '\r') --trimmed;
        out.push_back({pos, trimmed});
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return out;
}

// The token starting at or after `pos` on the same line: quotes and brackets around it,
// and trailing sentence punctuation, are not part of it.
bool token_at(std::string_view text, std::size_t pos, std::size_t line_end, std::size_t& start, std::size_t& end) {
    while (pos < line_end && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    while (pos < line_end && std::string_view("\"'`([{<").find(text[pos]) != std::string_view::npos) ++pos;
    // Curly quotes (U+2018/2019/201C/201D: E2 80 98..9D).
    while (pos + 2 < line_end && text[pos] == '\xE2' && text[pos + 1] == '\x80' &&
           (text[pos + 2] >= '\x98' && text[pos + 2] <= '\x9D'))
        pos += 3;
    std::size_t e = pos;
    while (e < line_end && text[e] != ' ' && text[e] != '\t') ++e;
    while (e > pos && std::string_view(".,;:!?)]}>\"'`").find(text[e - 1]) != std::string_view::npos) --e;
    while (e >= pos + 3 && text[e - 3] == '\xE2' && text[e - 2] == '\x80' && text[e - 1] >= '\x98' &&
           text[e - 1] <= '\x9D')
        e -= 3;
    if (e <= pos) return false;
    start = pos;
    end = e;
    return true;
}

bool has_digit(std::string_view t) {
    return std::any_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
}
bool has_symbol(std::string_view t) {
    return std::any_of(t.begin(), t.end(), [](unsigned char c) { return c < 0x80 && std::ispunct(c); });
}

// After ":" / "=" the writer is giving a value: any non-prose token of 3+ characters.
// After "is" the sentence may go on as prose: the token must look deliberate.
bool plausible_password(std::string_view token, bool after_is) {
    if (token.size() < 3 || token.size() > 64) return false;
    std::string w = lower(token);
    if (stop_word(w)) return false;
    if (w.find("://") != std::string::npos || w.find('@') != std::string::npos) return false;
    if (!after_is) return true;
    // Possessives and contractions ("child's", "it's") are prose.
    if (w.find('\'') != std::string::npos) return false;
    return token.size() >= 6 || has_digit(token) || has_symbol(token);
}

bool keyword_at(std::string_view lowered, std::size_t pos, std::size_t& length) {
    if (pos > 0 && is_word_byte(static_cast<unsigned char>(lowered[pos - 1]))) return false;
    for (std::string_view k : kKeywords) {
        if (lowered.compare(pos, k.size(), k) != 0) continue;
        std::size_t after = pos + k.size();
        if (after < lowered.size() && is_word_byte(static_cast<unsigned char>(lowered[after]))) continue;
        // "password-protected", "password protected": about the attachment, not a value.
        if (lowered.compare(after, 1, "-") == 0 || lowered.compare(after, 8, " protect") == 0) return false;
        length = k.size();
        return true;
    }
    return false;
}

// From just after a keyword: the separator that introduces the value, within the line.
// Returns the position after the separator, and whether it was "is".
bool find_separator(std::string_view lowered, std::size_t pos, std::size_t line_end, std::size_t& after, bool& after_is) {
    std::size_t limit = std::min(line_end, pos + kMaxLookaheadBytes);
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = pos; i < limit; ++i) {
        char c = lowered[i];
        if (c == ':' || c == '=') {
            after = i + 1;
            after_is = false;
            return true;
        }
        // " - " or an en/em dash between spaces.
        if ((c == '-' && i > pos && lowered[i - 1] == ' ' && i + 1 < limit && lowered[i + 1] == ' ')) {
            after = i + 1;
            after_is = false;
            return true;
        }
        if (c == '\xE2' && i + 2 < limit && lowered[i + 1] == '\x80' &&
            (lowered[i + 2] == '\x93' || lowered[i + 2] == '\x94')) {
            after = i + 3;
            after_is = false;
            return true;
        }
        if (c == '.' || c == '?' || c == '!' || c == ';' || c == ',') return false;  // the sentence moved on
        bool word = is_word_byte(static_cast<unsigned char>(c));
        if (word && !in_word) {
            ++words;
            if (words > kMaxWordsBeforeSeparator) return false;
            if (lowered.compare(i, 2, "is") == 0 && (i + 2 >= limit || !is_word_byte(static_cast<unsigned char>(lowered[i + 2])))) {
                after = i + 2;
                after_is = true;
                return true;
            }
        }
        in_word = word;
    }
    return false;
}

}  // namespace

bool strong_looking_token(std::string_view token) {
    if (token.size() < 6 || token.size() > 64) return false;
    if (token.find("://") != std::string_view::npos || token.find('@') != std::string_view::npos) return false;
    int lower_c = 0, upper_c = 0, digit_c = 0, symbol_c = 0;
    for (unsigned char c : token) {
        if (c >= 0x80 || std::isspace(c)) return false;
        if (std::islower(c)) lower_c = 1;
        else if (std::isupper(c)) upper_c = 1;
        else if (std::isdigit(c)) digit_c = 1;
        else symbol_c = 1;
    }
    // Dates and phone-like runs ("12/03/2016", "0116-496-0720") are digits and separators.
    if (lower_c + upper_c == 0) return false;
    int classes = lower_c + upper_c + digit_c + symbol_c;
    if (token.size() >= 8 && classes >= 3) return true;
    return (lower_c || upper_c) && digit_c && symbol_c;
}

std::vector<PasswordDisclosure> find_password_disclosures(std::string_view text) {
    std::vector<PasswordDisclosure> out;
    std::string lowered = lower(text);
    std::vector<LineSpan> lines = lines_of(text);
    std::vector<int> keyword_lines;
    std::size_t keywords = 0;
    auto add = [&](std::size_t s, std::size_t e) {
        for (const auto& d : out)
            if (d.start == s) return;
        if (out.size() < kMaxPasswordDisclosures) out.push_back({s, e});
    };
    for (std::size_t li = 0; li < lines.size() && keywords < kMaxPasswordKeywords; ++li) {
        const LineSpan& line = lines[li];
        bool line_has_keyword = false;
        for (std::size_t pos = line.start; pos < line.end && keywords < kMaxPasswordKeywords; ++pos) {
            std::size_t length = 0;
            if (!keyword_at(lowered, pos, length)) continue;
            ++keywords;
            line_has_keyword = true;
            std::size_t after = 0;
            bool after_is = false;
            if (!find_separator(lowered, pos + length, line.end, after, after_is)) continue;
            std::size_t s = 0, e = 0;
            if (token_at(text, after, line.end, s, e)) {
                if (plausible_password(text.substr(s, e - s), after_is)) add(s, e);
                continue;
            }
            // "Password:" at the end of a line: the value is on the next non-empty line.
            for (std::size_t next = li + 1; next < lines.size() && next <= li + 2; ++next) {
                if (lines[next].start == lines[next].end) continue;
                if (token_at(text, lines[next].start, lines[next].end, s, e) &&
                    text.substr(lines[next].start, lines[next].end - lines[next].start).find(' ', e - lines[next].start) ==
                        std::string_view::npos &&
                    plausible_password(text.substr(s, e - s), false))
                    add(s, e);
                break;
            }
        }
        if (line_has_keyword) keyword_lines.push_back(static_cast<int>(li));
    }
    // A line that is nothing but a strong-looking token, near a line mentioning a password.
    if (!keyword_lines.empty()) {
        for (std::size_t li = 0; li < lines.size(); ++li) {
            bool near = false;
            for (int k : keyword_lines) near = near || (std::abs(static_cast<int>(li) - k) <= kNearbyLines && static_cast<int>(li) != k);
            if (!near) continue;
            std::string_view line = text.substr(lines[li].start, lines[li].end - lines[li].start);
            std::size_t a = line.find_first_not_of(" \t");
            if (a == std::string_view::npos) continue;
            std::size_t b = line.find_last_not_of(" \t");
            std::string_view token = line.substr(a, b - a + 1);
            if (token.find(' ') != std::string_view::npos || token.find('\t') != std::string_view::npos) continue;
            if (strong_looking_token(token)) add(lines[li].start + a, lines[li].start + b + 1);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
    return out;
}

}  // namespace chaperone::policies
