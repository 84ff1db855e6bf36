// Number-shaped candidates; see number_candidates.h.
#include "pii/detect/number_candidates.h"

#include "pii/detect/pcre_pattern.h"

namespace chaperone::pii {
namespace {

// Not inside a word, an email, a decimal, a date or a longer number; see the lookarounds.
constexpr const char* kNumberPattern =
    R"((?<![\w+,/\-@])(?<!\d\.)(?:)"
    R"((?<upn>[A-Z]\d{11}[0-9A-Z]))"
    R"(|(?<nino>[A-Z]{2} ?\d{2} ?\d{2} ?\d{2}(?: ?[A-D](?![A-Za-z0-9]))?))"
    R"(|(?<num>(?<intl>\+ ?44 ?(?:\(0\) ?)?)?(?<paren>\(0\d{1,4}\) ?)?\d{1,12}(?:[ \-]\d{1,8}){0,4}))"
    R"()(?![\w/@]|[.,]\d))";

const PcrePattern& number_pattern() {
    static const PcrePattern pattern(kNumberPattern);
    return pattern;
}

}  // namespace

bool number_pattern_ok() { return number_pattern().ok(); }

std::vector<NumberCandidate> find_number_candidates(std::string_view text, const std::vector<ByteRange>& windows) {
    const PcrePattern& re = number_pattern();
    static const int kUpn = re.group_number("upn");
    static const int kNino = re.group_number("nino");
    static const int kIntl = re.group_number("intl");
    static const int kParen = re.group_number("paren");
    std::vector<NumberCandidate> out;
    for (const ByteRange& w : windows) {
        re.for_each(text, w.start, w.end, [&](const PcreMatch& m) {
            NumberCandidate c;
            c.start = m.start();
            c.end = m.end();
            if (m.matched(kUpn) || m.matched(kNino)) {
                c.shape = m.matched(kUpn) ? NumberShape::upn : NumberShape::nino;
                for (char ch : m.group(0)) {
                    if (ch != ' ') c.compact.push_back(ch);
                }
            } else {
                c.international = m.matched(kIntl);
                c.area_code_in_parens = m.matched(kParen);
                std::size_t pos = c.international ? m.end(kIntl) : c.start;
                while (pos < c.end) {
                    if (text[pos] >= '0' && text[pos] <= '9') {
                        DigitGroup g{pos, pos};
                        while (g.end < c.end && text[g.end] >= '0' && text[g.end] <= '9') ++g.end;
                        c.compact.append(text.substr(g.start, g.length()));
                        c.groups.push_back(g);
                        pos = g.end;
                    } else {
                        ++pos;
                    }
                }
            }
            out.push_back(std::move(c));
            return true;
        });
    }
    return out;
}

}  // namespace chaperone::pii
