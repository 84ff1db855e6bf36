// Text and CSV decoding; see text_file.h.
#include "pii/extract/text_file.h"

#include <algorithm>
#include <vector>

#include "pii/mime/charset.h"
#include "pii/mime/mime_message.h"

namespace chaperone::pii {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Zero bytes at odd offsets in the first kSniffBytes mean UTF-16LE text, at even offsets BE.
constexpr std::size_t kSniffBytes = 4096;

const char* sniff_utf16(std::string_view bytes) {
    std::size_t n = std::min(bytes.size(), kSniffBytes) & ~static_cast<std::size_t>(1);
    if (n < 4) return nullptr;
    std::size_t zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        if (bytes[i] == 0) ++zero_even;
        if (bytes[i + 1] == 0) ++zero_odd;
    }
    std::size_t pairs = n / 2;
    // Mostly-Latin UTF-16 has a zero in nearly every pair, on one side only.
    if (zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs) return "UTF-16LE";
    if (zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs) return "UTF-16BE";
    return nullptr;
}

std::string normalise_newlines(std::string text) {
    if (text.find('\r') == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

}  // namespace

std::string decode_text_file(std::string_view bytes, std::string* charset) {
    std::string detected;
    std::string text;
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        detected = "utf-8";
        text = to_utf8(bytes.substr(3), "utf-8");
    } else if (starts_with(bytes, std::string_view("\xFF\xFE\0\0", 4))) {
        detected = "utf-32le";
        text = to_utf8(bytes.substr(4), "UTF-32LE");
    } else if (starts_with(bytes, std::string_view("\0\0\xFE\xFF", 4))) {
        detected = "utf-32be";
        text = to_utf8(bytes.substr(4), "UTF-32BE");
    } else if (starts_with(bytes, "\xFF\xFE")) {
        detected = "utf-16le";
        text = to_utf8(bytes.substr(2), "UTF-16LE");
    } else if (starts_with(bytes, "\xFE\xFF")) {
        detected = "utf-16be";
        text = to_utf8(bytes.substr(2), "UTF-16BE");
    } else if (const char* wide = sniff_utf16(bytes)) {
        detected = wide[7] == 'L' ? "utf-16le" : "utf-16be";
        text = to_utf8(bytes, wide);
    } else if (is_ascii(bytes)) {
        detected = "us-ascii";
        text = std::string(bytes);
    } else if (is_valid_utf8(bytes)) {
        detected = "utf-8";
        text = std::string(bytes);
    } else {
        detected = "windows-1252";
        text = windows1252_to_utf8(bytes);
    }
    // Stray NULs (binary junk, UTF-16 fragments) are no use to a detector and break C APIs.
    text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
    if (charset) *charset = detected;
    return normalise_newlines(std::move(text));
}

void csv_rows(std::string_view text, TextSink& out) {
    // Delimiter: the most frequent candidate outside quotes in the first record.
    char delimiter = ',';
    {
        std::size_t counts[4] = {0, 0, 0, 0};
        const char candidates[4] = {',', ';', '\t', '|'};
        bool quoted = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            if (!quoted && c == '\n') break;
            if (quoted) continue;
            for (int k = 0; k < 4; ++k) {
                if (c == candidates[k]) ++counts[k];
            }
        }
        std::size_t best = 0;
        for (int k = 1; k < 4; ++k) {
            if (counts[k] > counts[best]) best = static_cast<std::size_t>(k);
        }
        delimiter = candidates[best];
    }

    constexpr std::size_t kMaxFieldsPerRecord = 16384;  // Excel's column count; more is junk
    std::vector<std::string> fields(1);
    bool quoted = false;
    auto end_record = [&]() {
        std::size_t used = fields.size();
        while (used > 0 && fields[used - 1].empty()) --used;  // trailing empty fields say nothing
        for (std::size_t k = 0; k < used; ++k) {
            if (k) out.push('\t');
            out.append(fields[k]);
        }
        if (used) out.end_line();
        fields.assign(1, std::string());
    };
    for (std::size_t i = 0; i < text.size() && !out.full(); ++i) {
        char c = text[i];
        std::string& field = fields.back();
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.push_back(c == '\n' || c == '\t' ? ' ' : c);
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == delimiter) {
            if (fields.size() < kMaxFieldsPerRecord) {
                fields.emplace_back();
            } else {
                field.push_back(' ');
            }
        } else if (c == '\n') {
            end_record();
        } else {
            field.push_back(c == '\t' ? ' ' : c);
        }
    }
    end_record();
}

}  // namespace chaperone::pii
