// PDF reading with poppler-cpp; see pdf_reader.h.
#include "pii/extract/pdf_reader.h"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "pii/extract/text_sink.h"

namespace chaperone::pii {
namespace {

std::mutex& poppler_mutex() {
    static std::mutex m;
    return m;
}

void quiet(const std::string&, void*) {}  // poppler's own complaints about broken files

// Which cipher the /Encrypt dictionary names, from its /CF filters or /V version. Best effort
// on the raw bytes: the dictionary itself is never encrypted.
std::string encryption_method(std::string_view bytes) {
    if (bytes.find("/AESV3") != std::string_view::npos) return "AES-256";
    if (bytes.find("/AESV2") != std::string_view::npos) return "AES-128";
    std::size_t at = bytes.find("/Encrypt");
    if (at == std::string_view::npos) return "unknown cipher";
    return "RC4";
}

std::string ustring_utf8(const poppler::ustring& text) {
    poppler::byte_array bytes = text.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

// Poppler's physical layout pads columns with runs of spaces to their position on the page.
// Lines keep their words; a gap of kColumnGap or more spaces becomes one tab (a table row
// reads like a spreadsheet row), leading indentation and trailing blanks go, and runs of
// empty lines collapse to one.
constexpr std::size_t kColumnGap = 3;

void append_page_text(std::string_view page, TextSink& out) {
    std::size_t at = 0;
    std::string line;
    while (at < page.size() && !out.full()) {
        std::size_t end = page.find_first_of("\r\n\f", at);
        std::string_view raw = page.substr(at, end == std::string_view::npos ? page.size() - at : end - at);
        line.clear();
        std::size_t i = 0;
        while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
        while (i < raw.size()) {
            if (raw[i] == ' ' || raw[i] == '\t') {
                std::size_t j = i;
                while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) ++j;
                if (j == raw.size()) break;
                line.append(j - i >= kColumnGap ? std::string_view("\t") : raw.substr(i, j - i));
                i = j;
            } else {
                line.push_back(raw[i++]);
            }
        }
        out.append(line);
        out.end_line(true);
        if (end == std::string_view::npos) break;
        at = end + 1;
        if (page[end] == '\r' && at < page.size() && page[at] == '\n') ++at;
    }
}

}  // namespace

DocumentText read_pdf(std::string_view bytes, ExtractState& state, const std::string& where) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return DocumentText{{}, Protection::unreadable, "PDF too large for the reader"};
    }
    std::lock_guard<std::mutex> lock(poppler_mutex());
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });

    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return DocumentText{{}, Protection::unreadable, "corrupt PDF: cannot be parsed"};
    if (doc->is_locked()) {
        return DocumentText{{}, Protection::encrypted_pdf,
                            fmt::format("PDF encrypted ({}); a user password is required to open it", encryption_method(bytes))};
    }
    DocumentText result;
    if (doc->is_encrypted()) {
        result.detail = fmt::format("PDF encrypted ({}) with an empty user password: anyone can open it; read",
                                    encryption_method(bytes));
    }
    const int pages = doc->pages();
    const int limit = state.limits().max_pdf_pages;
    const int readable = std::min(pages, std::max(limit, 0));
    TextSink out(state.text_remaining() + 1);
    for (int i = 0; i < readable && !out.full(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        out.blank_line();
        append_page_text(ustring_utf8(page->text(poppler::rectf(), poppler::page::physical_layout)), out);
    }
    result.text = out.take();
    if (pages > readable) {
        state.hit(where, "max_pdf_pages", fmt::format("{} pages, read the first {}", pages, readable));
        result.protection = Protection::unreadable;
        result.detail = fmt::format("only the first {} of {} pages read (max_pdf_pages)", readable, pages);
    } else if (result.text.empty() && result.detail.empty()) {
        result.detail = fmt::format("no text in {} page(s) (scanned images?)", pages);
    }
    return result;
}

}  // namespace chaperone::pii
