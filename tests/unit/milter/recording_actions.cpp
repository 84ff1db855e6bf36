// Test double for MtaActions; see recording_actions.h.
#include "recording_actions.h"

#include <glib.h>

#include <filesystem>

namespace chaperone::test {

Status RecordingActions::add_header(const std::string& name, const std::string& value) {
    headers.push_back({name, 0, value});
    return Status::ok();
}

Status RecordingActions::change_header(const std::string& name, int index, const std::string& value) {
    headers.push_back({name, index, value});
    return Status::ok();
}

Status RecordingActions::replace_body(std::string_view chunk) {
    if (fail_body) return Status::error(Errc::io, "MTA refused the replacement body");
    if (!body_replaced) body.clear();
    body_replaced = true;
    body.append(chunk);
    return Status::ok();
}

std::string RecordingActions::delivered(const milter::CollectedMessage& original) const {
    std::vector<milter::HeaderField> fields = original.headers;
    for (const auto& change : headers) {
        if (change.index == 0) {
            fields.push_back({change.name, change.value});
            continue;
        }
        int seen = 0;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (g_ascii_strcasecmp(it->name.c_str(), change.name.c_str()) != 0) continue;
            if (++seen != change.index) continue;
            if (change.value.empty()) fields.erase(it);
            else it->value = change.value;
            break;
        }
    }
    std::string out;
    for (const auto& f : fields) out += f.name + ": " + f.value + "\n";
    out += "\n";
    out += body_replaced ? body : *original.body.read_all();
    return out;
}

milter::CollectedMessage collect(const std::string& raw, const std::string& from,
                                 const std::vector<std::string>& recipients, std::uint64_t spill_bytes) {
    milter::CollectedMessage m(spill_bytes, std::filesystem::temp_directory_path());
    m.envelope.mail_from = from;
    m.envelope.recipients = recipients;
    m.envelope.queue_id = "TESTQID";
    std::size_t end = raw.find("\n\n");
    std::string head = raw.substr(0, end);
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t eol = head.find('\n', pos);
        if (eol == std::string::npos) eol = head.size();
        std::string line = head.substr(pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !m.headers.empty()) {
            m.headers.back().value += "\n" + line;
            continue;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);  // libmilter strips one leading space
        m.headers.push_back({line.substr(0, colon), value});
        m.header_bytes += line.size() + 1;
    }
    if (end != std::string::npos) (void)m.body.append(raw.substr(end + 2));
    return m;
}

}  // namespace chaperone::test
