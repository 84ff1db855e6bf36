// Scanner::scan_message / scan_file: text extraction, then the detectors over every text
// source; and with_header_names(), which fills the correspondents' display names from the
// message's own From:/To:/Cc: headers. Kept apart from scanner.cpp because it links the
// whole extraction layer (documents, spreadsheets, PDFs, archives).
#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "pii/extract/message_extractor.h"
#include "pii/roster/roster_index.h"
#include "pii/scanner.h"

namespace chaperone::pii {
namespace {

// Addresses read from one header; group members are flattened, and a list this long is
// already far beyond any real message.
constexpr std::size_t kMaxHeaderAddresses = 1000;

void collect_mailboxes(InternetAddressList* list, std::vector<Correspondent>& out, int depth = 0) {
    if (!list || depth > 2) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n && out.size() < kMaxHeaderAddresses; ++i) {
        InternetAddress* ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            collect_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, depth + 1);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
        const char* name = internet_address_get_name(ia);
        out.push_back({addr ? normalise_email(addr) : std::string(), name ? std::string(name) : std::string()});
    }
}

const Correspondent* find_address(const std::vector<Correspondent>& list, const std::string& address) {
    for (const Correspondent& c : list) {
        if (c.address == address) return &c;
    }
    return nullptr;
}

}  // namespace

ScanContext with_header_names(const MimeMessage& message, const ScanContext& context) {
    ScanContext out = context;
    GMimeMessage* m = message.get();
    if (!m) return out;
    std::vector<Correspondent> from, to;
    collect_mailboxes(g_mime_message_get_from(m), from);
    collect_mailboxes(g_mime_message_get_addresses(m, GMIME_ADDRESS_TYPE_TO), to);
    collect_mailboxes(g_mime_message_get_addresses(m, GMIME_ADDRESS_TYPE_CC), to);

    if (out.sender.address.empty() && !from.empty()) out.sender.address = from.front().address;
    if (out.sender.display_name.empty()) {
        const Correspondent* c = find_address(from, normalise_email(out.sender.address));
        if (!c && !from.empty()) c = &from.front();  // the envelope sender may be a bounce address
        if (c) out.sender.display_name = c->display_name;
    }
    for (Correspondent& r : out.recipients) {
        if (!r.display_name.empty()) continue;
        if (const Correspondent* c = find_address(to, normalise_email(r.address))) r.display_name = c->display_name;
    }
    // People the headers address are correspondents too, even when this envelope does not
    // carry them (a Bcc split, or a caller that gave no envelope).
    for (const Correspondent& c : to) {
        const bool known = std::any_of(out.recipients.begin(), out.recipients.end(),
                                       [&](const Correspondent& r) { return normalise_email(r.address) == c.address; });
        if (!known) out.recipients.push_back(c);
    }
    return out;
}

ScanReport Scanner::scan_message(const MimeMessage& message, const ScanContext& context) const {
    ScanReport report;
    report.extraction = extract_message(message, settings_.limits);
    const ScanContext with_names = with_header_names(message, context);
    for (const TextSource& source : report.extraction.texts) {
        std::vector<Finding> found = scan_text(source.text, source.where, with_names);
        report.findings.insert(report.findings.end(), std::make_move_iterator(found.begin()),
                               std::make_move_iterator(found.end()));
    }
    return report;
}

Result<ScanReport> Scanner::scan_file(const std::filesystem::path& path, const ScanContext& context) const {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(Errc::not_found, "cannot open " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return Status::error(Errc::io, "cannot read " + path.string());
    const std::string data = bytes.str();
    if (data.size() > settings_.limits.max_attachment_bytes) {
        return Status::error(Errc::limit, path.string() + " is larger than max_attachment_bytes");
    }
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".eml") {
        // A message: scan it as the milter would, with its own headers naming the correspondents.
        auto message = MimeMessage::parse(data);
        if (!message) return message.status().with_context(path.string());
        return scan_message(*message, context);
    }
    ScanReport report;
    report.extraction = extract_file(data, path.filename().string(), settings_.limits);
    for (const TextSource& source : report.extraction.texts) {
        std::vector<Finding> found = scan_text(source.text, source.where, context);
        report.findings.insert(report.findings.end(), std::make_move_iterator(found.begin()),
                               std::make_move_iterator(found.end()));
    }
    return report;
}

}  // namespace chaperone::pii
