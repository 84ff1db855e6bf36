// Identifier context; see identifier_context.h.
#include "pii/detect/identifier_context.h"

#include <algorithm>
#include <cstring>

namespace chaperone::pii {
namespace {

// Tables reach the detectors with tab-separated cells (spreadsheets, documents, and CSV
// files alike: see message_extractor.h); a "|" table is pasted text. Commas are prose.
char delimiter_of(std::string_view line) {
    for (char d : {'\t', '|'}) {
        if (line.find(d) != std::string_view::npos) return d;
    }
    return '\0';
}

std::size_t column_of(std::string_view line, std::size_t offset, char delimiter) {
    return static_cast<std::size_t>(std::count(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(offset), delimiter));
}

std::string_view cell(std::string_view line, std::size_t column, char delimiter) {
    std::size_t start = 0;
    for (std::size_t c = 0; c < column; ++c) {
        const auto next = line.find(delimiter, start);
        if (next == std::string_view::npos) return {};
        start = next + 1;
    }
    const auto end = line.find(delimiter, start);
    return line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

namespace {

std::size_t reference_word_at(std::string_view text, std::size_t start) {
    const ByteRange line = line_of(text, start);
    const std::size_t from = start > line.start + 32 ? start - 32 : line.start;
    static const WordList kReferenceWords = {"order", "invoice", "inv", "ref", "reference", "booking", "ticket", "case", "account", "acct",
                          "a/c", "receipt", "transaction", "policy", "serial", "tracking", "confirmation", "po",
                          "purchase", "customer", "membership", "licence", "license", "batch", "item", "product",
                          "sku", "isbn", "barcode", "voucher", "payment", "bank", "sort code"};
    return last_word_at(text, from, start, kReferenceWords);
}

}  // namespace

bool has_reference_context(std::string_view text, std::size_t start) {
    return reference_word_at(text, start) != std::string_view::npos;
}

IdContext classify_id_context(std::string_view text, std::size_t start, std::size_t end, const WordList& keywords) {
    const std::size_t reference = reference_word_at(text, start);
    const ByteRange b = before(text, start, kKeywordBefore);
    const std::size_t keyword = last_word_at(text, b.start, b.end, keywords);
    if (reference != std::string_view::npos && (keyword == std::string_view::npos || reference > keyword)) {
        return IdContext::reference;
    }
    if (keyword != std::string_view::npos) return IdContext::keyword;
    const ByteRange line = line_of(text, end);
    if (contains_word(text, end, std::min(line.end, end + kKeywordAfter), keywords)) return IdContext::keyword;
    if (column_header_has(text, start, keywords)) return IdContext::keyword;
    return IdContext::none;
}

bool has_keyword_context(std::string_view text, std::size_t start, std::size_t end, const WordList& keywords) {
    const ByteRange b = before(text, start, kKeywordBefore);
    if (contains_word(text, b.start, b.end, keywords)) return true;
    const ByteRange line = line_of(text, end);
    const std::size_t to = std::min(line.end, end + kKeywordAfter);
    if (contains_word(text, end, to, keywords)) return true;
    return column_header_has(text, start, keywords);
}

bool column_header_has(std::string_view text, std::size_t pos, const WordList& keywords) {
    const ByteRange here = line_of(text, pos);
    const std::string_view line = text.substr(here.start, here.end - here.start);
    const char delimiter = delimiter_of(line);
    if (delimiter == '\0') return false;
    const std::size_t column = column_of(line, pos - here.start, delimiter);
    // Walk up to the first line of this block: that is the header row.
    ByteRange header = here;
    for (std::size_t k = 0; k < kMaxHeaderLookbackLines && header.start > 0; ++k) {
        const ByteRange previous = line_of(text, header.start - 1);
        const std::string_view prev_line = text.substr(previous.start, previous.end - previous.start);
        if (is_blank(prev_line) || prev_line.find(delimiter) == std::string_view::npos) break;
        header = previous;
    }
    if (header.start == here.start) return false;  // the number is in the header row itself
    const std::string_view header_line = text.substr(header.start, header.end - header.start);
    const std::string_view header_cell = cell(header_line, column, delimiter);
    if (header_cell.empty()) return false;
    const std::size_t cell_start = static_cast<std::size_t>(header_cell.data() - text.data());
    return contains_word(text, cell_start, cell_start + header_cell.size(), keywords);
}

const Finding* name_nearby(const std::vector<Finding>& names, std::string_view text, std::size_t start,
                           std::size_t end) {
    // The same bounds as clipping line_of(text, start) to kNameNearbyBytes either side, but
    // the line breaks are looked for only there, not along a paragraph that may be one line
    // of kilobytes.
    const std::size_t lo = start > kNameNearbyBytes ? start - kNameNearbyBytes : 0;
    const std::size_t hi = std::min(text.size(), end + kNameNearbyBytes + 1);
    const void* nl_before = start > lo ? memrchr(text.data() + lo, '\n', start - lo) : nullptr;
    const std::size_t from = nl_before ? static_cast<std::size_t>(static_cast<const char*>(nl_before) - text.data()) + 1 : lo;
    std::size_t line_end = hi;
    if (const std::size_t nl = text.substr(0, hi).find('\n', start); nl != std::string_view::npos) {
        line_end = nl > from && text[nl - 1] == '\r' ? nl - 1 : nl;
    }
    const std::size_t to = std::min(line_end, end + kNameNearbyBytes);
    auto it = std::lower_bound(names.begin(), names.end(), from,
                               [](const Finding& f, std::size_t value) { return f.end <= value; });
    for (; it != names.end() && it->start < to; ++it) {
        if (it->kind == PiiKind::person_name && it->end <= to && it->start >= from) return &*it;
    }
    return nullptr;
}

}  // namespace chaperone::pii
