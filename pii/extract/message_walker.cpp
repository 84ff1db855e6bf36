// MIME walk; see message_walker.h.
#include "pii/extract/message_walker.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_set>
#include <vector>

#include "pii/extract/attachment_extractor.h"
#include "pii/extract/file_type.h"
#include "pii/extract/html_text.h"
#include "pii/mime/mime_message.h"

namespace chaperone::pii {
namespace {

struct Pending {
    GMimeObject* object;  // owned by the message, which outlives the walk
    std::string name;     // file name as sent, or a made-up "attachment-N"
    std::string type;     // declared MIME type, lower-case
    int mime_depth;
};

bool is_body_type(const std::string& type) {
    return type == "text/plain" || type == "text/html" || type == "text/enriched";
}

bool is_signature_type(const std::string& type) {
    return type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature" ||
           type == "application/pgp-signature";
}

bool is_attachment_disposition(GMimeObject* object) {
    GMimeContentDisposition* d = g_mime_object_get_content_disposition(object);
    return d && g_mime_content_disposition_is_attachment(d);
}

std::string file_name_of(GMimeObject* object) {
    const char* name = nullptr;
    if (GMIME_IS_PART(object)) {
        name = g_mime_part_get_filename(GMIME_PART(object));
    } else {
        name = g_mime_object_get_content_disposition_parameter(object, "filename");
        if (!name) name = g_mime_object_get_content_type_parameter(object, "name");
    }
    if (!name) return {};
    std::string out(name);
    // Path components in a file name are the sender's folders, not ours.
    std::size_t slash = out.find_last_of("/\\");
    if (slash != std::string::npos) out = out.substr(slash + 1);
    for (char& c : out) {
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
    return out;
}

std::string one_line(const char* value) {
    std::string out = value ? value : "";
    for (char& c : out) {
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
    return out;
}

std::string address_list(InternetAddressList* list) {
    if (!list || internet_address_list_length(list) == 0) return {};
    char* text = internet_address_list_to_string(list, nullptr, FALSE);
    std::string out = one_line(text);
    g_free(text);
    return out;
}

// From/To/Cc/Date/Subject of an embedded message, as a forwarded message shows them.
std::string header_block(GMimeMessage* message) {
    std::string out;
    auto line = [&](const char* label, const std::string& value) {
        if (value.empty()) return;
        out += fmt::format("{}: {}\n", label, value);
    };
    line("From", address_list(g_mime_message_get_from(message)));
    line("To", address_list(g_mime_message_get_to(message)));
    line("Cc", address_list(g_mime_message_get_cc(message)));
    line("Date", one_line(g_mime_object_get_header(GMIME_OBJECT(message), "Date")));
    line("Subject", one_line(g_mime_message_get_subject(message)));
    if (!out.empty()) out.pop_back();
    return out;
}

std::string normalise_newlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;
            c = '\n';
        }
        out.push_back(c);
    }
    return out;
}

// RFC 3676 format=flowed: a line ending in a space continues on the next line.
std::string unflow(std::string_view text, bool delsp) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        std::string_view line = text.substr(at, end == std::string_view::npos ? text.size() - at : end - at);
        if (!line.empty() && line.front() == ' ') line.remove_prefix(1);  // space-stuffing
        bool soft = !line.empty() && line.back() == ' ' && line != "-- " && end != std::string_view::npos;
        if (soft && delsp) line.remove_suffix(1);
        out.append(line);
        if (end == std::string_view::npos) break;
        if (!soft) out.push_back('\n');
        at = end + 1;
    }
    return out;
}

bool is_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

template <typename F>
void for_each_word(std::string_view text, F&& f) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i > start && !f(text.substr(start, i - start))) return;
    }
}

class Walker {
public:
    Walker(ExtractState& state, std::string prefix, std::string source, int depth, int archive_depth)
        : st_(state), prefix_(std::move(prefix)), source_(std::move(source)), depth_(depth), archive_depth_(archive_depth) {}

    void walk(GMimeObject* object, int mime_depth, std::vector<std::string>& chunks) {
        if (!object) return;
        const ExtractionLimits& limits = st_.limits();
        if (mime_depth > limits.max_mime_depth) {
            st_.hit("message", "max_mime_depth", fmt::format("MIME parts nested more than {} deep", limits.max_mime_depth));
            return;
        }
        if (!st_.count_mime_part()) return;
        if (GMIME_IS_MULTIPART(object)) {
            GMimeMultipart* multipart = GMIME_MULTIPART(object);
            if (mime_type_of(object) == "multipart/alternative") {
                alternatives(multipart, mime_depth, chunks);
                return;
            }
            int count = g_mime_multipart_get_count(multipart);
            for (int i = 0; i < count; ++i) walk(g_mime_multipart_get_part(multipart, i), mime_depth + 1, chunks);
            return;
        }
        if (GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            std::string name = file_name_of(object);
            if (!inner) {
                defer(object, name, mime_depth);
                return;
            }
            if (is_attachment_disposition(object) || !name.empty()) {
                defer(object, name, mime_depth);
                return;
            }
            // Forwarded inline: its headers and body join this body.
            std::vector<std::string> inner_chunks;
            walk(g_mime_message_get_mime_part(inner), mime_depth + 1, inner_chunks);
            std::string text = header_block(inner);
            for (std::string& c : inner_chunks) {
                if (!text.empty()) text += "\n\n";
                text += c;
            }
            if (!text.empty()) chunks.push_back(std::move(text));
            return;
        }
        if (GMIME_IS_PART(object)) {
            std::string type = mime_type_of(object);
            std::string name = file_name_of(object);
            if (is_body_type(type) && name.empty() && !is_attachment_disposition(object)) {
                std::string text = body_text(GMIME_PART(object), type);
                if (!text.empty()) chunks.push_back(std::move(text));
                return;
            }
            defer(object, name, mime_depth);
        }
    }

    // Attachments, after the body text is in (the body has first claim on the text budget).
    void extract_pending() {
        for (const Pending& p : pending_) extract_one(p);
        pending_.clear();
    }

private:
    void defer(GMimeObject* object, std::string name, int mime_depth) {
        std::string type = mime_type_of(object);
        if (name.empty()) {
            ++unnamed_;
            name = GMIME_IS_MESSAGE_PART(object) ? fmt::format("message-{}.eml", unnamed_) : fmt::format("attachment-{}", unnamed_);
        }
        pending_.push_back(Pending{object, std::move(name), std::move(type), mime_depth});
    }

    void alternatives(GMimeMultipart* multipart, int mime_depth, std::vector<std::string>& chunks) {
        int count = g_mime_multipart_get_count(multipart);
        std::vector<std::string> texts;
        for (int i = 0; i < count; ++i) {
            std::vector<std::string> sub;
            walk(g_mime_multipart_get_part(multipart, i), mime_depth + 1, sub);
            std::string joined;
            for (std::string& s : sub) {
                if (!joined.empty()) joined += "\n\n";
                joined += s;
            }
            texts.push_back(std::move(joined));
        }
        std::unordered_set<std::string_view> words;
        bool first = true;
        for (const std::string& text : texts) {
            if (text.empty()) continue;
            bool adds = first;
            if (!first) {
                for_each_word(text, [&](std::string_view w) {
                    if (words.count(w)) return true;
                    adds = true;
                    return false;
                });
            }
            if (!adds) continue;
            first = false;
            for_each_word(text, [&](std::string_view w) {
                words.insert(w);
                return true;
            });
            chunks.push_back(text);
        }
    }

    std::string body_text(GMimePart* part, const std::string& type) {
        const ExtractionLimits& limits = st_.limits();
        bool truncated = false;
        std::string bytes = decoded_part_bytes(part, limits.max_attachment_bytes, &truncated);
        if (truncated) {
            st_.hit(source_, "max_attachment_bytes",
                    fmt::format("a body part is over {} bytes; the rest was not read", limits.max_attachment_bytes));
        }
        GMimeObject* object = GMIME_OBJECT(part);
        const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
        if (type == "text/html") {
            std::string meta;
            if (!charset || !*charset) {
                meta = html_meta_charset(bytes);
                if (!meta.empty()) charset = meta.c_str();
            }
            return html_to_text(to_utf8(bytes, charset), st_.text_remaining() + 1);
        }
        std::string text = normalise_newlines(to_utf8(bytes, charset));
        const char* format = g_mime_object_get_content_type_parameter(object, "format");
        if (format && g_ascii_strcasecmp(format, "flowed") == 0) {
            const char* delsp = g_mime_object_get_content_type_parameter(object, "delsp");
            text = unflow(text, delsp && g_ascii_strcasecmp(delsp, "yes") == 0);
        }
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
        return text;
    }

    void extract_one(const Pending& p) {
        const ExtractionLimits& limits = st_.limits();
        std::string name = st_.unique_name(prefix_ + p.name);
        if (GMIME_IS_MESSAGE_PART(p.object)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(p.object));
            std::size_t index = st_.add_report(AttachmentReport{name, p.type, "eml", 0, Protection::none, {}, depth_});
            if (!inner) {
                st_.mark_unreadable(index, "attached message is empty or unparsable");
                return;
            }
            GPtr<GMimeStream> counter(g_mime_stream_null_new());
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, counter.get());
            st_.report(index).size = GMIME_STREAM_NULL(counter.get())->written;
            if (p.mime_depth + 1 > limits.max_mime_depth) {
                st_.hit(name, "max_mime_depth", fmt::format("message nested more than {} deep", limits.max_mime_depth));
                st_.mark_unreadable(index, "message nested deeper than max_mime_depth");
                return;
            }
            if (!walk_embedded_message(st_, inner, name, depth_ + 1, archive_depth_, p.mime_depth + 1)) {
                st_.mark_unreadable(index, "text beyond max_extracted_bytes not read");
            }
            return;
        }
        GMimePart* part = GMIME_PART(p.object);
        if (is_signature_type(p.type)) {
            st_.add_report(AttachmentReport{name, p.type, "signature", 0, Protection::none, "signature part: no text", depth_});
            return;
        }
        bool truncated = false;
        std::string bytes = decoded_part_bytes(part, limits.max_attachment_bytes, &truncated);
        if (truncated) {
            st_.hit(name, "max_attachment_bytes", fmt::format("over {} bytes", limits.max_attachment_bytes));
            st_.add_report(AttachmentReport{name, p.type, type_from_name(p.name), bytes.size(), Protection::unreadable,
                                            fmt::format("larger than max_attachment_bytes ({} bytes): not read", limits.max_attachment_bytes),
                                            depth_});
            return;
        }
        if (p.type == "application/pkcs7-mime" || p.type == "application/x-pkcs7-mime") {
            st_.add_report(AttachmentReport{name, p.type, "smime", bytes.size(), Protection::unreadable,
                                            "S/MIME encrypted or opaque-signed content: cannot be read", depth_});
            return;
        }
        AttachmentInput input;
        input.name = std::move(name);
        input.content_type = p.type;
        if (p.type.compare(0, 5, "text/") == 0) {
            const char* charset = g_mime_object_get_content_type_parameter(p.object, "charset");
            if (charset) {
                input.charset = charset;
                for (char& c : input.charset) c = static_cast<char>(g_ascii_tolower(c));
            }
        }
        input.depth = depth_;
        input.archive_depth = archive_depth_;
        input.mime_depth = p.mime_depth;
        extract_attachment(st_, bytes, input);
    }

    ExtractState& st_;
    std::string prefix_;
    std::string source_;
    int depth_;
    int archive_depth_;
    int unnamed_ = 0;
    std::vector<Pending> pending_;
};

}  // namespace

void walk_top_message(ExtractState& state, GMimeMessage* message) {
    Walker walker(state, "", "body", 0, 0);
    std::vector<std::string> chunks;
    walker.walk(g_mime_message_get_mime_part(message), 0, chunks);
    std::string body = one_line(g_mime_message_get_subject(message));
    for (std::string& c : chunks) {
        body += "\n\n";
        body += c;
    }
    state.add_text("body", std::move(body));
    walker.extract_pending();
}

bool walk_embedded_message(ExtractState& state, GMimeMessage* message, const std::string& name, int depth, int archive_depth,
                           int mime_depth) {
    Walker walker(state, name + "/", name, depth, archive_depth);
    std::vector<std::string> chunks;
    walker.walk(g_mime_message_get_mime_part(message), mime_depth, chunks);
    std::string text = header_block(message);
    for (std::string& c : chunks) {
        if (!text.empty()) text += "\n\n";
        text += c;
    }
    bool whole = state.add_text(name, std::move(text));
    walker.extract_pending();
    return whole;
}

}  // namespace chaperone::pii
