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
        out.append(ustring_utf8(page->text(poppler::rectf(), poppler::page::physical_layout)));
    }
    result.text = out.take();
    // Text with \r\n or form feeds from poppler: normalise to \n.
    std::string& t = result.text;
    std::size_t w = 0;
    for (std::size_t r = 0; r < t.size(); ++r) {
        char c = t[r];
        if (c == '\r') {
            if (r + 1 < t.size() && t[r + 1] == '\n') continue;
            c = '\n';
        }
        if (c == '\f') c = '\n';
        t[w++] = c;
    }
    t.resize(w);
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
