// The footer engine's front door; see footer_inserter.h.
#include "policies/footer/footer_inserter.h"

#include <fmt/format.h>

#include <algorithm>

#include "policies/footer/body_part_finder.h"
#include "policies/footer/charset_codec.h"
#include "policies/footer/footer_part_builder.h"
#include "policies/footer/footer_presence.h"
#include "policies/footer/html_text.h"
#include "policies/footer/part_content.h"
#include "policies/footer/part_footer.h"
#include "policies/footer/prepared_footer.h"
#include "policies/footer/signed_detector.h"

namespace chaperone::policies {
namespace {

using footer::BodyLayout;
using footer::TextKind;

FooterResult unchanged(FooterOutcome outcome, std::string detail) {
    return FooterResult{outcome, false, std::move(detail)};
}

std::string_view kind_name(TextKind kind) { return kind == TextKind::plain ? "text/plain" : "text/html"; }

// What a reader sees of a body text part, in UTF-8, for the inline-PGP and presence checks.
// UTF-8 parts are read in place (no copy, no validation: bytes that are not UTF-8 cannot match
// the footer anyway); `storage` holds converted or HTML-reduced text.
std::string_view visible_text(const footer::BodyText& body_text, const std::string& decoded, std::string& storage) {
    footer::CharsetInfo charset = footer::describe_charset(footer::declared_charset(body_text.part));
    std::string_view utf8 = decoded;
    if (!charset.is_utf8) {
        storage = pii::to_utf8(decoded, charset.declared.empty() ? "us-ascii" : charset.declared.c_str());
        utf8 = storage;
    }
    if (body_text.kind == TextKind::html) {
        std::string text = footer::html_to_text(utf8);
        storage = std::move(text);
        utf8 = storage;
    }
    return utf8;
}

bool is_bare_calendar(GMimeObject* root) {
    return root && !GMIME_IS_MULTIPART(root) && pii::mime_type_of(root) == "text/calendar";
}

// Unfolds a raw header value: line breaks go, the whitespace after them stays.
std::string unfolded(const char* raw) {
    std::string out;
    if (!raw) return out;
    for (const char* p = raw; *p; ++p) {
        if (*p != '\r' && *p != '\n') out.push_back(*p);
    }
    std::size_t first = out.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(" \t") - first + 1);
}

std::string raw_header(GMimeObject* object, const char* name) {
    if (!object) return {};
    GMimeHeaderList* headers = g_mime_object_get_header_list(object);
    GMimeHeader* header = headers ? g_mime_header_list_get_header(headers, name) : nullptr;
    return header ? unfolded(g_mime_header_get_raw_value(header)) : std::string();
}

}  // namespace

FooterResult insert_footer(pii::MimeMessage& message, const FooterText& text, const FooterLimits& limits) {
    footer::PreparedFooter prepared = footer::prepare_footer(text.text, text.html);
    if (prepared.empty()) return unchanged(FooterOutcome::nothing_to_foot, "the configured footer has no text");

    GMimeObject* root = message.body();
    BodyLayout layout = footer::find_body_parts(root, limits.max_mime_parts, limits.max_mime_depth);
    if (!layout.signed_reason.empty())
        return unchanged(FooterOutcome::signed_or_encrypted, fmt::format("{} on the main path", layout.signed_reason));
    if (!layout.limit_reason.empty()) return unchanged(FooterOutcome::nothing_to_foot, layout.limit_reason);

    // Decode every body text part once: for inline PGP, for the "already footed" test, and
    // (the targets) to be footed.
    std::vector<std::string> decoded(layout.texts.size());
    bool present = false;
    for (std::size_t i = 0; i < layout.texts.size(); ++i) {
        const auto& body_text = layout.texts[i];
        bool too_large = false;
        decoded[i] = footer::read_decoded(body_text.part, limits.max_text_part_bytes, too_large);
        if (too_large)
            return unchanged(FooterOutcome::nothing_to_foot,
                             fmt::format("a {} part is larger than {} bytes", kind_name(body_text.kind),
                                         limits.max_text_part_bytes));
        std::string storage;
        std::string_view visible = visible_text(body_text, decoded[i], storage);
        if (auto marker = footer::inline_pgp_marker(visible); !marker.empty())
            return unchanged(FooterOutcome::signed_or_encrypted, fmt::format("inline PGP in a {} part", kind_name(body_text.kind)));
        present = present || footer::contains_footer(visible, prepared.needles);
    }
    if (present) return unchanged(FooterOutcome::already_present, "the body text already contains the footer");

    if (layout.targets.empty()) {
        if (layout.malformed_multipart)
            return unchanged(FooterOutcome::nothing_to_foot, "malformed multipart without parts (missing boundary?)");
        if (is_bare_calendar(root))
            return unchanged(FooterOutcome::nothing_to_foot, "a bare text/calendar invitation is not wrapped");
        std::string_view how = footer::add_footer_part(message.get(), prepared.text);
        return FooterResult{FooterOutcome::added, true, fmt::format("no body text: footer part {}", how)};
    }

    FooterResult result{FooterOutcome::added, false, "footed"};
    for (std::size_t i = 0; i < layout.texts.size(); ++i) {
        const auto& body_text = layout.texts[i];
        if (std::find(layout.targets.begin(), layout.targets.end(), body_text.part) == layout.targets.end()) continue;
        footer::PartFooting footing = footer::foot_part(body_text.part, body_text.kind, std::move(decoded[i]), prepared);
        result.detail += fmt::format(" {} ({}, {}{})", kind_name(body_text.kind),
                                     footer::encoding_name(footing.change.encoding_after), footing.charset_after,
                                     footing.change.charset_changed ? " converted" : "");
        if (GMIME_OBJECT(body_text.part) == root && footing.change.headers_changed()) {
            result.top_level_changed = true;
            footer::ensure_mime_version(message.get());
        }
    }
    return result;
}

std::string_view footer_header_value(FooterOutcome outcome) {
    switch (outcome) {
        case FooterOutcome::added: return "added";
        case FooterOutcome::already_present: return "already-present";
        case FooterOutcome::signed_or_encrypted: return "signed-or-encrypted";
        case FooterOutcome::nothing_to_foot: return "nothing-to-foot";
    }
    return "nothing-to-foot";
}

std::vector<std::pair<std::string, std::string>> top_level_content_headers(const pii::MimeMessage& message) {
    GMimeObject* body = message.body();
    return {
        {"MIME-Version", raw_header(GMIME_OBJECT(message.get()), "MIME-Version")},
        {"Content-Type", raw_header(body, "Content-Type")},
        {"Content-Transfer-Encoding", raw_header(body, "Content-Transfer-Encoding")},
    };
}

}  // namespace chaperone::policies
