// Findings highlighted in context; see findings_view.h.
#include "archive/web/findings_view.h"

#include <algorithm>
#include <map>

#include "archive/web/html.h"

namespace chaperone::archive::web {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Moves a byte offset forward to the start of a UTF-8 character.
std::size_t char_boundary(const std::string& text, std::size_t pos) {
    while (pos < text.size() && continuation(static_cast<unsigned char>(text[pos]))) ++pos;
    return pos;
}

struct Span {
    std::size_t start, end;
    std::string kind;
};

std::string marked(const std::string& text, const std::vector<Span>& spans, std::size_t from, std::size_t to) {
    std::string out;
    std::size_t pos = from;
    for (const auto& s : spans) {
        if (s.end <= from || s.start >= to) continue;
        out += html_escape(valid_utf8(text.substr(pos, s.start - pos)));
        out += "<mark class=\"finding\">" + html_escape(valid_utf8(text.substr(s.start, s.end - s.start))) +
               "<span class=\"finding__kind\">" + html_escape(finding_kind_label(s.kind)) + "</span></mark>";
        pos = s.end;
    }
    out += html_escape(valid_utf8(text.substr(pos, to - pos)));
    return out;
}

}  // namespace

std::string finding_kind_label(const std::string& kind) {
    static const std::map<std::string, std::string> labels = {
        {"person_name", "name"}, {"dob", "date of birth"}, {"address", "address"},   {"postcode", "postcode"},
        {"upn", "UPN"},          {"uln", "ULN"},           {"nhs_number", "NHS number"}, {"nino", "NI number"},
        {"phone", "phone"},      {"email", "email"},
    };
    auto it = labels.find(kind);
    return it == labels.end() ? kind : it->second;
}

pii::ExtractionLimits extraction_limits(const policies::LimitsConfig& l) {
    pii::ExtractionLimits out;
    out.max_extracted_bytes = l.max_extracted_bytes;
    out.max_attachment_bytes = l.max_attachment_bytes;
    out.max_archive_depth = l.max_archive_depth;
    out.max_archive_entries = l.max_archive_entries;
    out.max_compression_ratio = l.max_compression_ratio;
    out.max_mime_parts = l.max_mime_parts;
    out.max_mime_depth = l.max_mime_depth;
    out.max_pdf_pages = l.max_pdf_pages;
    return out;
}

std::vector<HighlightedSource> highlight_findings(const pii::Extraction& extraction,
                                                  const std::vector<QuarantineFinding>& findings) {
    std::vector<HighlightedSource> out;
    for (const auto& source : extraction.texts) {
        const std::string& text = source.text;
        std::vector<Span> spans;
        HighlightedSource h;
        h.where = source.where;
        for (const auto& f : findings) {
            if (f.where != source.where) continue;
            if (spans.size() >= kMaxHighlightedFindings || f.start >= f.end || f.end > text.size()) {
                ++h.skipped;
                continue;
            }
            spans.push_back(Span{static_cast<std::size_t>(f.start), static_cast<std::size_t>(f.end), f.kind});
        }
        if (spans.empty() && h.skipped == 0) continue;
        std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
            return a.start != b.start ? a.start < b.start : a.end > b.end;
        });
        std::vector<Span> kept;
        for (auto& s : spans) {
            if (!kept.empty() && s.start < kept.back().end) {
                ++h.skipped;
                continue;
            }
            kept.push_back(s);
        }
        h.findings = kept.size();
        if (text.size() <= kWholeSourceBytes) {
            h.html = SafeHtml{marked(text, kept, 0, text.size())};
        } else {
            h.excerpted = true;
            std::string html;
            std::size_t i = 0;
            while (i < kept.size()) {
                std::size_t from = kept[i].start > kContextBytes ? kept[i].start - kContextBytes : 0;
                std::size_t to = std::min(text.size(), kept[i].end + kContextBytes);
                std::size_t j = i + 1;
                while (j < kept.size() && kept[j].start <= to + kContextBytes) {
                    to = std::min(text.size(), kept[j].end + kContextBytes);
                    ++j;
                }
                from = char_boundary(text, from);
                to = char_boundary(text, to);
                html += from > 0 ? "… " : "";
                html += marked(text, std::vector<Span>(kept.begin() + static_cast<std::ptrdiff_t>(i),
                                                       kept.begin() + static_cast<std::ptrdiff_t>(j)),
                               from, to);
                html += to < text.size() ? " …\n\n" : "";
                i = j;
            }
            h.html = SafeHtml{std::move(html)};
        }
        out.push_back(std::move(h));
    }
    return out;
}

}  // namespace chaperone::archive::web
