// Walking the leaf parts of a GMime message with a bound on the number of parts.
//
// for_each_leaf() visits every leaf part (GMimePart) depth-first, with whether it is an
// attachment (Content-Disposition: attachment, or a file name on a non-text part). It does
// not descend into attached messages (message/rfc822 is a leaf for the case file).
#pragma once

#include <functional>

#include "pii/mime/gmime_ptr.h"

namespace chaperone::archive {

struct LeafPart {
    GMimeObject* object = nullptr;
    GMimePart* part = nullptr;  // null for message/rfc822 leaves
    bool attachment = false;
};

void for_each_leaf(GMimeObject* root, int max_parts, const std::function<void(const LeafPart&)>& visit);

}  // namespace chaperone::archive
