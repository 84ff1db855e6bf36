// Greetings, sign-offs, signature blocks, quoted mail; see message_regions.h.
#include "pii/detect/message_regions.h"

#include <array>
#include <string>

namespace chaperone::pii {
namespace {

struct Line {
    std::size_t start = 0;  // first byte after leading whitespace and quote marks
    std::size_t end = 0;    // before the line break and trailing whitespace
    std::size_t raw_start = 0;
    bool blank() const { return start >= end; }
};

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t pos = 0;
    while (pos <= text.size() && lines.size() < kMaxRegionLines) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        Line line{pos, end, pos};
        while (line.start < line.end && (text[line.start] == ' ' || text[line.start] == '\t')) ++line.start;
        while (line.end > line.start && (text[line.end - 1] == ' ' || text[line.end - 1] == '\t' || text[line.end - 1] == '\r')) {
            --line.end;
        }
        lines.push_back(line);
        if (end == text.size()) break;
        pos = end + 1;
    }
    return lines;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Is this line the start of quoted or forwarded mail?
bool is_quote_marker(std::string_view text, const std::vector<Line>& lines, std::size_t i) {
    const Line& l = lines[i];
    const std::string s = lower(text.substr(l.start, l.end - l.start));
    if (s.empty()) return false;
    if (s[0] == '>') return true;
    if ((s[0] == '-' || s[0] == '_') && (s.find("original message") != std::string::npos || s.find("forwarded message") != std::string::npos)) return true;
    if (starts_with(s, "begin forwarded message")) return true;
    if (s.size() >= 10 && s.find_first_not_of('_') == std::string::npos) return true;  // Outlook's rule line
    if (starts_with(s, "on ") && (ends_with(s, "wrote:") ||
                                  (i + 1 < lines.size() && ends_with(lower(text.substr(lines[i + 1].start, lines[i + 1].end - lines[i + 1].start)), "wrote:")))) {
        return true;
    }
    if (starts_with(s, "from:") && i + 1 < lines.size()) {  // a header block of a forwarded message
        for (std::size_t k = i + 1; k < lines.size() && k <= i + 3; ++k) {
            const std::string next = lower(text.substr(lines[k].start, lines[k].end - lines[k].start));
            if (starts_with(next, "sent:") || starts_with(next, "date:") || starts_with(next, "to:") || starts_with(next, "subject:")) return true;
        }
    }
    return false;
}

constexpr std::array<std::string_view, 10> kGreetings = {
    "dear ", "hi ", "hello ", "hey ", "good morning ", "good afternoon ", "good evening ", "morning ", "afternoon ", "hiya "};

// Words that greet a group, not a named person; the greeting's names end before them.
constexpr std::array<std::string_view, 16> kGroupWords = {
    "all", "parent", "parents", "carer", "carers", "parent/carer", "parents/carers", "guardian", "guardians",
    "colleague", "colleagues", "team", "sir", "madam", "everyone", "families"};

bool is_group_word(std::string_view word) {
    const std::string w = lower(word);
    for (auto g : kGroupWords) {
        if (w == g || starts_with(w, std::string(g) + "/") || starts_with(w, std::string(g) + ",")) return true;
    }
    return false;
}

bool is_title_abbreviation(std::string_view word) {
    const std::string w = lower(word);
    return w == "mr" || w == "mrs" || w == "ms" || w == "dr" || w == "mx" || w == "prof";
}

// The greeted names of a greeting line, or an empty range.
ByteRange greeting_names(std::string_view text, const Line& line) {
    const std::string head = lower(text.substr(line.start, std::min<std::size_t>(line.end - line.start, 20)));
    std::size_t begin = std::string_view::npos;
    for (auto g : kGreetings) {
        if (starts_with(head, g)) {
            begin = line.start + g.size();
            break;
        }
    }
    if (begin == std::string_view::npos) return {};
    while (begin < line.end && text[begin] == ' ') ++begin;
    const std::size_t limit = std::min(line.end, begin + kMaxGreetingBytes);
    std::size_t end = begin;
    std::size_t word_start = begin;
    while (end < limit) {
        const char c = text[end];
        if (c == ',' || c == ':' || c == '!' || c == ';' || c == '(' || c == '-') break;
        if (c == '.' && !is_title_abbreviation(text.substr(word_start, end - word_start))) break;
        if (c == ' ') {
            if (is_group_word(text.substr(word_start, end - word_start))) {
                end = word_start;
                break;
            }
            word_start = end + 1;
        }
        ++end;
    }
    if (end == limit && end > word_start && is_group_word(text.substr(word_start, end - word_start))) end = word_start;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '.')) --end;
    if (end <= begin) return {};
    // Only names: the greeted part starts with a capital letter (or a title).
    if (!(text[begin] >= 'A' && text[begin] <= 'Z') && static_cast<unsigned char>(text[begin]) < 0x80) return {};
    return {begin, end};
}

constexpr std::array<std::string_view, 27> kSignOffs = {
    "kind regards", "kindest regards", "best regards", "warm regards", "warmest regards", "many regards", "regards",
    "with best wishes", "best wishes", "all best wishes", "many thanks", "thanks again", "thanks", "thank you",
    "with thanks", "yours sincerely", "yours faithfully", "yours truly", "sincerely", "all the best", "best",
    "cheers", "take care", "speak soon", "love", "with love", "warm wishes"};

// A sign-off line: the phrase, optional punctuation, then at most a short name.
// Returns where the signer's name starts (on this line or the next), or npos.
std::size_t sign_off_name_start(std::string_view text, const Line& line) {
    const std::string s = lower(text.substr(line.start, line.end - line.start));
    for (auto phrase : kSignOffs) {
        if (!starts_with(s, phrase)) continue;
        std::size_t at = phrase.size();
        if (at < s.size() && ((s[at] >= 'a' && s[at] <= 'z'))) continue;  // "bestow", "thanksgiving"
        while (at < s.size() && (s[at] == ',' || s[at] == '.' || s[at] == '!' || s[at] == ' ')) ++at;
        if (at == s.size()) return line.end;  // the name is on the following lines
        // The rest of the line must look like a name: short, each word capitalised.
        const std::string_view rest = text.substr(line.start + at, line.end - line.start - at);
        if (rest.size() > 40) return std::string_view::npos;
        bool word_start = true;
        for (char c : rest) {
            if (word_start && c >= 'a' && c <= 'z') return std::string_view::npos;
            word_start = (c == ' ');
        }
        return line.start + at;
    }
    return std::string_view::npos;
}

}  // namespace

bool MessageRegions::in_greeting(std::size_t start, std::size_t end) const {
    for (const ByteRange& g : greetings) {
        if (start >= g.start && end <= g.end) return true;
    }
    return false;
}

const SignatureBlock* MessageRegions::signature_at(std::size_t pos) const {
    for (const SignatureBlock& s : signatures) {
        if (s.range.contains(pos)) return &s;
    }
    return nullptr;
}

MessageRegions find_message_regions(std::string_view text) {
    MessageRegions regions;
    regions.quoted_from = text.size();
    const std::vector<Line> lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_quote_marker(text, lines, i)) {
            regions.quoted_from = lines[i].raw_start;
            break;
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.blank()) continue;
        if (const ByteRange g = greeting_names(text, line); g.end > g.start) {
            regions.greetings.push_back(g);
            continue;
        }
        const std::size_t name_start = sign_off_name_start(text, line);
        if (name_start == std::string_view::npos) continue;
        // The block: the rest of the sign-off line, then (after at most two blank lines) the
        // following non-blank lines up to the next blank line, a quote, or prose.
        SignatureBlock block;
        block.range.start = name_start;
        block.range.end = line.end;
        block.outer = name_start < regions.quoted_from;
        std::size_t k = i + 1, blanks = 0, taken = 0;
        while (k < lines.size() && lines[k].blank() && blanks < 2) ++k, ++blanks;
        while (k < lines.size() && taken < kMaxSignatureLines && !lines[k].blank() && !is_quote_marker(text, lines, k) &&
               lines[k].end - lines[k].start <= 100) {
            if (block.range.start == line.end) block.range.start = lines[k].start;
            block.range.end = lines[k].end;
            ++k, ++taken;
        }
        if (block.range.end > block.range.start) regions.signatures.push_back(block);
        i = k > i ? k - 1 : i;
    }
    return regions;
}

}  // namespace chaperone::pii
