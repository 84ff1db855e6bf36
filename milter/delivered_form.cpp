// The delivered form of a message; see delivered_form.h.
#include "milter/delivered_form.h"

#include <glib.h>

#include "milter/message_processor.h"
#include "policies/footer/footer_inserter.h"

namespace chaperone::milter {
namespace {

bool same_name(const std::string& a, const char* b) { return g_ascii_strcasecmp(a.c_str(), b) == 0; }

// Replaces (or adds, or removes when empty) each top-level Content-* header as `mime` has it.
void sync_content_headers(std::vector<HeaderField>& headers, const pii::MimeMessage& mime) {
    for (const auto& [name, now] : policies::top_level_content_headers(mime)) {
        bool found = false;
        for (auto it = headers.begin(); it != headers.end();) {
            if (!same_name(it->name, name.c_str())) {
                ++it;
                continue;
            }
            if (found || now.empty()) {
                it = headers.erase(it);
                continue;
            }
            it->value = now;
            found = true;
            ++it;
        }
        if (!found && !now.empty()) headers.push_back({name, now});
    }
}

}  // namespace

Result<std::string> delivered_form(const CollectedMessage& message, const pii::MimeMessage& mime,
                                   const DeliveredChanges& changes) {
    std::vector<HeaderField> headers;
    headers.reserve(message.headers.size() + changes.added_headers.size());
    for (const auto& h : message.headers) {
        // The MTA removes the client's copies of these (message_processor.cpp) before ours go on.
        if (same_name(h.name, kStatusHeader) || same_name(h.name, kDisclaimerHeader)) continue;
        headers.push_back(h);
    }
    if (changes.footer_added && changes.top_level_changed) sync_content_headers(headers, mime);
    for (const auto& h : changes.added_headers) headers.push_back(h);

    std::string raw;
    for (const auto& h : headers) {
        raw += h.name;
        raw += ": ";
        raw += h.value;
        raw += '\n';
    }
    raw += '\n';
    if (changes.footer_added) {
        raw += mime.serialize_body(false);
    } else {
        auto body = message.body.read_all();
        if (!body) return body.status().with_context("reading the collected body");
        // The MTA hands the body over with CRLF line ends; the header block above has LF.
        // One convention for the whole stored message (SMTP puts CRLF back on the way out).
        raw.reserve(raw.size() + body->size());
        for (std::size_t i = 0; i < body->size(); ++i) {
            if ((*body)[i] == '\r' && i + 1 < body->size() && (*body)[i + 1] == '\n') continue;
            raw += (*body)[i];
        }
    }
    return raw;
}

}  // namespace chaperone::milter
