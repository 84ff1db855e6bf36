// A message as the test's smtp-sink captured it, parsed, with helpers to read what a
// recipient would see: envelope recipients, headers, and each text part decoded to UTF-8.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pii/mime/mime_message.h"

namespace chaperone::test {

struct DecodedPart {
    std::string content_type;  // "text/plain"
    std::string charset;       // as declared ("" when none)
    std::string encoding;      // Content-Transfer-Encoding as declared
    std::string text;          // decoded and converted to UTF-8 (text parts); raw bytes otherwise
    bool attachment = false;
};

class CapturedMail {
public:
    explicit CapturedMail(const std::filesystem::path& file);

    const std::string& raw() const { return raw_; }
    std::vector<std::string> recipients() const;  // from smtp-sink's X-Rcpt-Args
    std::string header(const char* name) const;
    int header_count(const char* name) const;
    const std::vector<DecodedPart>& parts() const { return parts_; }
    // Decoded text of the first part of this type ("text/plain", "text/html").
    std::string text(const std::string& content_type) const;

private:
    std::string raw_;
    std::vector<DecodedPart> parts_;
};

// Number of non-overlapping occurrences of `needle` in `haystack`.
std::size_t count_of(const std::string& haystack, const std::string& needle);

}  // namespace chaperone::test
