// The main-body walk; see body_part_finder.h.
#include "policies/footer/body_part_finder.h"

#include <fmt/format.h>

#include <algorithm>

#include "pii/mime/mime_message.h"
#include "policies/footer/signed_detector.h"

namespace chaperone::policies::footer {
namespace {

bool subtype_is(GMimeObject* object, const char* subtype) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* sub = type ? g_mime_content_type_get_media_subtype(type) : nullptr;
    return sub && g_ascii_strcasecmp(sub, subtype) == 0;
}

// The root of a multipart/related: the part whose Content-ID is the "start" parameter, else
// the first part (RFC 2387).
GMimeObject* related_root(GMimeMultipart* related) {
    int count = g_mime_multipart_get_count(related);
    if (count <= 0) return nullptr;
    const char* start = g_mime_object_get_content_type_parameter(GMIME_OBJECT(related), "start");
    if (start && *start) {
        std::string_view id(start);
        if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
        for (int i = 0; i < count; ++i) {
            GMimeObject* child = g_mime_multipart_get_part(related, i);
            const char* child_id = g_mime_object_get_content_id(child);
            if (child_id && id == child_id) return child;
        }
    }
    return g_mime_multipart_get_part(related, 0);
}

class Walker {
public:
    Walker(BodyLayout& layout, int max_parts, int max_depth)
        : layout_(layout), max_parts_(max_parts), max_depth_(max_depth) {}

    // Pass 1: every object on the main path; returns false to stop the walk.
    bool scan(GMimeObject* object, int depth) {
        if (++visited_ > max_parts_) {
            layout_.limit_reason = fmt::format("more than {} MIME parts", max_parts_);
            return false;
        }
        if (depth > max_depth_) {
            layout_.limit_reason = fmt::format("multipart nesting deeper than {}", max_depth_);
            return false;
        }
        std::string type = pii::mime_type_of(object);
        if (auto reason = signed_or_encrypted_type(type); !reason.empty()) {
            layout_.signed_reason = reason;
            return false;
        }
        if (GMIME_IS_MESSAGE_PART(object)) return true;  // forwarded: not ours
        if (GMIME_IS_MULTIPART(object)) {
            auto* multipart = GMIME_MULTIPART(object);
            int count = g_mime_multipart_get_count(multipart);
            if (count == 0) layout_.malformed_multipart = true;
            for (int i = 0; i < count; ++i) {
                if (!scan(g_mime_multipart_get_part(multipart, i), depth + 1)) return false;
            }
            return true;
        }
        TextKind kind;
        if (is_body_text(object, kind)) layout_.texts.push_back({GMIME_PART(object), kind});
        return true;
    }

    // Pass 2: the targets, by the container rules. Bounded by pass 1, which saw every object.
    void select(GMimeObject* object, std::vector<GMimePart*>& out) {
        if (GMIME_IS_MULTIPART(object)) {
            auto* multipart = GMIME_MULTIPART(object);
            int count = g_mime_multipart_get_count(multipart);
            if (subtype_is(object, "alternative")) {
                for (int i = 0; i < count; ++i) select(g_mime_multipart_get_part(multipart, i), out);
            } else if (subtype_is(object, "related")) {
                if (GMimeObject* root = related_root(multipart)) select(root, out);
            } else {
                for (int i = count - 1; i >= 0; --i) {
                    std::size_t before = out.size();
                    select(g_mime_multipart_get_part(multipart, i), out);
                    if (out.size() != before) return;
                }
            }
            return;
        }
        TextKind kind;
        if (is_body_text(object, kind)) out.push_back(GMIME_PART(object));
    }

private:
    BodyLayout& layout_;
    int max_parts_;
    int max_depth_;
    int visited_ = 0;
};

}  // namespace

bool is_body_text(GMimeObject* object, TextKind& kind) {
    if (!GMIME_IS_PART(object) || GMIME_IS_MULTIPART(object)) return false;
    if (subtype_is(object, "plain")) kind = TextKind::plain;
    else if (subtype_is(object, "html")) kind = TextKind::html;
    else return false;
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* media = type ? g_mime_content_type_get_media_type(type) : "text";
    if (media && g_ascii_strcasecmp(media, "text") != 0) return false;
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    if (disposition && g_mime_content_disposition_is_attachment(disposition)) return false;
    const char* filename = g_mime_part_get_filename(GMIME_PART(object));
    return !(filename && *filename);
}

BodyLayout find_body_parts(GMimeObject* root, int max_parts, int max_depth) {
    BodyLayout layout;
    if (!root) return layout;
    Walker walker(layout, max_parts, max_depth);
    if (!walker.scan(root, 0)) return layout;
    walker.select(root, layout.targets);
    // select() walks children last-first inside mixed; keep document order for the log.
    std::vector<GMimePart*> ordered;
    ordered.reserve(layout.targets.size());
    for (const auto& text : layout.texts) {
        if (std::find(layout.targets.begin(), layout.targets.end(), text.part) != layout.targets.end())
            ordered.push_back(text.part);
    }
    layout.targets = std::move(ordered);
    return layout;
}

}  // namespace chaperone::policies::footer
