// libmilter implementation of MtaActions; see libmilter_actions.h.
#include "milter/libmilter_actions.h"

#include <vector>

namespace chaperone::milter {

Status LibmilterActions::add_header(const std::string& name, const std::string& value) {
    if (smfi_addheader(ctx_, const_cast<char*>(name.c_str()), const_cast<char*>(value.c_str())) != MI_SUCCESS)
        return Status::error(Errc::io, "MTA refused to add header " + name);
    return Status::ok();
}

Status LibmilterActions::change_header(const std::string& name, int index, const std::string& value) {
    char* v = value.empty() ? nullptr : const_cast<char*>(value.c_str());
    if (smfi_chgheader(ctx_, const_cast<char*>(name.c_str()), index, v) != MI_SUCCESS)
        return Status::error(Errc::io, "MTA refused to change header " + name);
    return Status::ok();
}

Status LibmilterActions::replace_body(std::string_view body) {
    // libmilter sends at most 64 KB per call; larger bodies go in chunks.
    constexpr std::size_t kChunk = 65535;
    std::size_t offset = 0;
    do {
        std::size_t n = std::min(kChunk, body.size() - offset);
        auto* data = reinterpret_cast<unsigned char*>(const_cast<char*>(body.data() + offset));
        if (smfi_replacebody(ctx_, data, static_cast<int>(n)) != MI_SUCCESS)
            return Status::error(Errc::io, "MTA refused the replacement body");
        offset += n;
    } while (offset < body.size());
    return Status::ok();
}

}  // namespace chaperone::milter
