// Parsing captured messages for assertions; see captured_mail.h.
#include "captured_mail.h"

#include <catch2/catch.hpp>

#include "test_support.h"

namespace chaperone::test {
namespace {

void collect_parts(GMimeObject* object, std::vector<DecodedPart>& out, int depth) {
    if (!object || depth > 50) return;
    if (GMIME_IS_MULTIPART(object)) {
        int n = g_mime_multipart_get_count(GMIME_MULTIPART(object));
        for (int i = 0; i < n; ++i) collect_parts(g_mime_multipart_get_part(GMIME_MULTIPART(object), i), out, depth + 1);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        DecodedPart part;
        part.content_type = pii::mime_type_of(object);
        out.push_back(part);
        return;  // forwarded messages are not opened: their text is not ours
    }
    if (!GMIME_IS_PART(object)) return;
    DecodedPart part;
    part.content_type = pii::mime_type_of(object);
    const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
    part.charset = charset ? charset : "";
    const char* encoding = g_mime_object_get_header(object, "Content-Transfer-Encoding");
    part.encoding = encoding ? encoding : "";
    const char* disposition = g_mime_object_get_disposition(object);
    part.attachment = disposition && g_ascii_strcasecmp(disposition, "attachment") == 0;
    std::string bytes = pii::decoded_part_bytes(GMIME_PART(object), 1ull << 30);
    part.text = part.content_type.rfind("text/", 0) == 0 ? pii::to_utf8(bytes, charset) : bytes;
    out.push_back(std::move(part));
}

}  // namespace

CapturedMail::CapturedMail(const std::filesystem::path& file) : raw_(read_file(file)) {
    // smtp-sink ends every dump with one empty line of its own.
    if (raw_.size() >= 2 && raw_.compare(raw_.size() - 2, 2, "\n\n") == 0) raw_.pop_back();
    auto parsed = pii::MimeMessage::parse(raw_);
    REQUIRE(parsed.is_ok());
    collect_parts(parsed->body(), parts_, 0);
}

std::vector<std::string> CapturedMail::recipients() const {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = raw_.find("X-Rcpt-Args: ", pos)) != std::string::npos) {
        pos += 13;
        std::size_t open = raw_.find('<', pos), close = raw_.find('>', pos), eol = raw_.find('\n', pos);
        if (open < eol && close < eol) out.push_back(raw_.substr(open + 1, close - open - 1));
    }
    return out;
}

std::string CapturedMail::header(const char* name) const {
    auto parsed = pii::MimeMessage::parse(raw_);
    return parsed ? parsed->header(name) : "";
}

int CapturedMail::header_count(const char* name) const {
    std::string needle = std::string("\n") + name + ":";
    std::size_t headers_end = raw_.find("\n\n");
    std::string head = "\n" + raw_.substr(0, headers_end);
    int count = 0;
    for (std::size_t pos = 0; (pos = head.find(needle, pos)) != std::string::npos; pos += needle.size()) ++count;
    return count;
}

std::string CapturedMail::text(const std::string& content_type) const {
    for (const auto& p : parts_)
        if (p.content_type == content_type && !p.attachment) return p.text;
    return "";
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t pos = 0; (pos = haystack.find(needle, pos)) != std::string::npos; pos += needle.size()) ++count;
    return count;
}

}  // namespace chaperone::test
