// Content sniffing; see file_type.h.
#include "pii/extract/file_type.h"

#include <cstring>

#include "pii/mime/charset.h"

namespace chaperone::pii {
namespace {

constexpr std::size_t kPdfHeaderWindow = 1024;  // PDF readers accept %PDF- this far in
constexpr std::size_t kTextSniffBytes = 8192;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::string_view skip_blank(std::string_view s) {
    if (starts_with(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    return s;
}

bool is_utf16_text(std::string_view head) {
    if (starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) return true;
    std::size_t n = head.size() & ~static_cast<std::size_t>(1);
    if (n < 4) return false;
    std::size_t zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        zero_even += head[i] == 0;
        zero_odd += head[i + 1] == 0;
    }
    std::size_t pairs = n / 2;
    return (zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs) || (zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs);
}

// Text: no NULs and almost no C0 control characters in the first bytes.
bool is_text(std::string_view bytes) {
    std::string_view head = bytes.substr(0, kTextSniffBytes);
    if (is_utf16_text(head)) return true;
    std::size_t controls = 0;
    for (unsigned char c : head) {
        if (c == 0) return false;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
    }
    return controls * 100 <= head.size();
}

}  // namespace

std::string file_extension(std::string_view name) {
    std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot + 1 == name.size()) return {};
    std::string ext(name.substr(dot + 1));
    for (char& c : ext) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return ext;
}

std::string type_from_name(std::string_view name) {
    std::string ext = file_extension(name);
    static constexpr std::string_view kKnown[] = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt", "rtf",
                                                  "pdf",  "zip",  "eml",  "doc", "xls", "ppt", "html", "msg"};
    for (std::string_view k : kKnown) {
        if (ext == k) return ext;
    }
    if (ext == "docm") return "docx";
    if (ext == "xlsm") return "xlsx";
    if (ext == "htm") return "html";
    if (ext == "tsv") return "csv";
    if (ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif" || ext == "bmp" || ext == "tif" || ext == "tiff" ||
        ext == "webp") {
        return "image";
    }
    return "other";
}

bool looks_like_message(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 16384);
    static constexpr std::string_view kHeaders[] = {"from:", "to:", "subject:", "date:", "received:", "message-id:",
                                                    "mime-version:", "return-path:", "content-type:", "cc:"};
    int known = 0;
    std::size_t at = 0;
    while (at < head.size()) {
        std::size_t end = head.find('\n', at);
        if (end == std::string_view::npos) return false;  // no blank line ends the header block
        std::string_view line = head.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return known >= 2;
        if (line.front() == ' ' || line.front() == '\t') {
            if (at == 0) return false;  // a continuation line cannot come first
        } else {
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos || colon == 0) return false;
            for (std::size_t k = 0; k < colon; ++k) {
                char c = line[k];
                if (c <= ' ' || c > '~') return false;
            }
            for (std::string_view h : kHeaders) {
                if (starts_with_ci(line, h)) ++known;
            }
        }
        at = end + 1;
    }
    return false;
}

ContentKind sniff_content(std::string_view bytes, std::string_view name, std::string_view declared_type) {
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06") || starts_with(bytes, "PK\x07\x08")) {
        return ContentKind::zip;
    }
    if (bytes.substr(0, kPdfHeaderWindow).find("%PDF-") != std::string_view::npos) return ContentKind::pdf;
    if (starts_with(skip_blank(bytes), "{\\rtf")) return ContentKind::rtf;
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ContentKind::compound;
    if (starts_with(bytes, "\x89PNG\r\n\x1A\n") || starts_with(bytes, "\xFF\xD8\xFF") || starts_with(bytes, "GIF87a") ||
        starts_with(bytes, "GIF89a") || starts_with(bytes, std::string_view("II*\0", 4)) ||
        starts_with(bytes, std::string_view("MM\0*", 4)) ||
        (starts_with(bytes, "RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") ||
        (starts_with(bytes, "BM") && bytes.size() >= 26 && bytes[14] >= 12 && bytes[6] == 0 && bytes[7] == 0)) {
        return ContentKind::image;
    }
    if (starts_with(bytes, "\x1F\x8B")) return ContentKind::gzip;
    if (starts_with(bytes, "7z\xBC\xAF\x27\x1C")) return ContentKind::sevenzip;
    if (starts_with(bytes, "Rar!\x1A\x07")) return ContentKind::rar;
    if (starts_with(bytes, "BZh") && bytes.size() > 3 && bytes[3] >= '1' && bytes[3] <= '9') return ContentKind::bzip2;
    if (starts_with(bytes, "\xFD" "7zXZ")) return ContentKind::xz;
    std::string_view trimmed = skip_blank(bytes);
    if (starts_with(trimmed, "-----BEGIN PGP MESSAGE-----")) return ContentKind::pgp;
    if (!is_text(bytes)) return ContentKind::binary;

    const std::string ext = file_extension(name);
    if (ext == "htm" || ext == "html" || declared_type == "text/html" || starts_with_ci(trimmed, "<!doctype html") ||
        starts_with_ci(trimmed, "<html")) {
        return ContentKind::html;
    }
    if (ext == "eml" || declared_type == "message/rfc822") {
        return looks_like_message(bytes) ? ContentKind::eml : ContentKind::text;
    }
    if (ext == "csv" || ext == "tsv" || declared_type == "text/csv" || declared_type == "text/tab-separated-values") {
        return ContentKind::csv;
    }
    if (ext.empty() && declared_type.empty() && looks_like_message(bytes)) return ContentKind::eml;
    return ContentKind::text;
}

}  // namespace chaperone::pii
