// Reassembling a collected message for parsing; see message_assembly.h.
#include "milter/message_assembly.h"

#include <unistd.h>

namespace chaperone::milter {

std::string header_block(const CollectedMessage& message) {
    std::string block;
    block.reserve(message.header_bytes + message.headers.size() * 4 + 2);
    for (const HeaderField& h : message.headers) {
        block += h.name;
        block += ": ";
        block += h.value;
        block += '\n';
    }
    block += '\n';
    return block;
}

Result<pii::MimeMessage> parse_collected(const CollectedMessage& message) {
    pii::ensure_gmime();
    std::string headers = header_block(message);
    pii::GPtr<GMimeStream> cat(g_mime_stream_cat_new());
    pii::GPtr<GMimeStream> head(g_mime_stream_mem_new_with_buffer(headers.data(), headers.size()));
    g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat.get()), head.get());
    pii::GPtr<GMimeStream> body;
    if (message.body.spilled()) {
        int fd = ::dup(message.body.spill_fd());
        if (fd < 0) return Status::error(Errc::io, "cannot reopen the body spill file");
        body.reset(g_mime_stream_fs_new_with_bounds(fd, 0, static_cast<gint64>(message.body.size())));
    } else {
        const std::string& bytes = message.body.memory();
        body.reset(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
    }
    g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat.get()), body.get());
    return pii::MimeMessage::parse_gmime_stream(cat.get());
}

Result<std::string> raw_collected(const CollectedMessage& message) {
    auto body = message.body.read_all();
    if (!body) return body.status();
    return header_block(message) + *body;
}

}  // namespace chaperone::milter
