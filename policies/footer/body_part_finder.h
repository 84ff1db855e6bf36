// Which parts of a message are its main body, and which of them get the footer.
//
// The main body is everything reachable from the top-level part without entering a forwarded
// message (message/rfc822 and other message/* parts) and without counting attachments. A body
// text part is a text/plain or text/html leaf that is not Content-Disposition: attachment and
// has no file name (filename= or name=); every other leaf is left alone.
//
// Which body text parts are footed (targets), by container:
//   multipart/alternative  every alternative is footed, each in its own form;
//   multipart/related      its root (the "start" Content-ID, else the first part);
//   multipart/mixed and any other multipart: the LAST child that has body text, so the footer
//                          sits at the bottom (Apple Mail's text / image / text is footed in
//                          the second text; mixed[body, attachments] in the body);
//   a leaf body text part  itself.
//
// The walk is bounded (max_parts objects, max_depth multipart levels); hitting either bound
// stops it and is reported, never a crash. It also notes signed or encrypted containers
// (signed_detector.h) and multiparts with no parts at all (a missing or wrong boundary:
// GMime keeps such a body as the multipart's prologue).
//
// Thread-safety: reads the GMime tree only.
#pragma once

#include <gmime/gmime.h>

#include <string>
#include <string_view>
#include <vector>

namespace chaperone::policies::footer {

enum class TextKind { plain, html };

struct BodyText {
    GMimePart* part = nullptr;
    TextKind kind = TextKind::plain;
};

struct BodyLayout {
    std::string_view signed_reason;   // non-empty: a signed or encrypted container was found
    std::string limit_reason;         // non-empty: the walk hit a bound and stopped
    bool malformed_multipart = false; // some multipart on the main path has no parts
    std::vector<BodyText> texts;      // every body text part, in document order
    std::vector<GMimePart*> targets;  // the parts to foot, in document order
};

BodyLayout find_body_parts(GMimeObject* root, int max_parts, int max_depth);

// True for a text/plain or text/html leaf that is not an attachment; sets `kind`.
bool is_body_text(GMimeObject* object, TextKind& kind);

}  // namespace chaperone::policies::footer
