// Bounded depth-first walk over MIME leaves; see mime_walk.h.
#include "archive/casefile/mime_walk.h"

#include <string>
#include <vector>

#include "pii/mime/mime_message.h"

namespace chaperone::archive {

void for_each_leaf(GMimeObject* root, int max_parts, const std::function<void(const LeafPart&)>& visit) {
    if (!root) return;
    std::vector<GMimeObject*> stack{root};
    int seen = 0;
    while (!stack.empty() && seen < max_parts) {
        GMimeObject* object = stack.back();
        stack.pop_back();
        ++seen;
        if (GMIME_IS_MULTIPART(object)) {
            auto* multipart = GMIME_MULTIPART(object);
            int count = g_mime_multipart_get_count(multipart);
            for (int i = count - 1; i >= 0; --i) stack.push_back(g_mime_multipart_get_part(multipart, i));
            continue;
        }
        LeafPart leaf;
        leaf.object = object;
        if (GMIME_IS_PART(object)) {
            leaf.part = GMIME_PART(object);
            const char* disposition = g_mime_object_get_disposition(object);
            const char* filename = g_mime_part_get_filename(leaf.part);
            std::string type = pii::mime_type_of(object);
            bool is_attachment_disposition = disposition && g_ascii_strcasecmp(disposition, "attachment") == 0;
            leaf.attachment = is_attachment_disposition || (filename && *filename && type.rfind("text/", 0) != 0);
        } else {
            leaf.attachment = true;  // an attached message
        }
        visit(leaf);
    }
}

}  // namespace chaperone::archive
