// Building a Correspondence from a raw message; see correspondence_builder.h.
#include "archive/casefile/correspondence_builder.h"

#include "archive/casefile/mime_walk.h"
#include "archive/casefile/text_util.h"
#include "archive/crypto/sodium_init.h"

namespace chaperone::archive {
namespace {

constexpr int kMaxAddressesPerHeader = 500;

std::vector<std::string> addresses(GMimeMessage* message, GMimeAddressType type) {
    std::vector<std::string> out;
    InternetAddressList* list = g_mime_message_get_addresses(message, type);
    if (!list) return out;
    int n = std::min(internet_address_list_length(list), kMaxAddressesPerHeader);
    for (int i = 0; i < n; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            InternetAddressList* members = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
            int m = members ? std::min(internet_address_list_length(members), kMaxAddressesPerHeader) : 0;
            for (int j = 0; j < m; ++j) {
                gchar* text = internet_address_to_string(internet_address_list_get_address(members, j), nullptr, FALSE);
                if (text) out.emplace_back(text);
                g_free(text);
            }
            continue;
        }
        gchar* text = internet_address_to_string(address, nullptr, FALSE);
        if (text) out.emplace_back(text);
        g_free(text);
    }
    return out;
}

}  // namespace

std::vector<AttachmentInfo> list_attachments(const pii::MimeMessage& message, const policies::LimitsConfig& limits) {
    std::vector<AttachmentInfo> out;
    for_each_leaf(message.body(), limits.max_mime_parts, [&](const LeafPart& leaf) {
        if (!leaf.attachment) return;
        AttachmentInfo info;
        info.type = pii::mime_type_of(leaf.object);
        if (leaf.part) {
            const char* name = g_mime_part_get_filename(leaf.part);
            info.name = name ? name : "";
            std::string bytes = pii::decoded_part_bytes(leaf.part, limits.max_attachment_bytes);
            info.size = bytes.size();
            info.sha256 = crypto::sha256_hex(bytes);
        } else {
            info.name = "(attached message)";
        }
        out.push_back(std::move(info));
    });
    return out;
}

Result<Correspondence> build_correspondence(std::string_view raw, const Envelope& envelope, Direction direction,
                                            const policies::LimitsConfig& limits, const Timestamp& recorded_at) {
    auto parsed = pii::MimeMessage::parse(raw);
    if (!parsed) return parsed.status();
    Correspondence c;
    c.direction = direction;
    c.recorded_at = recorded_at;
    c.sent_at = sent_time_from_header(parsed->header("Date"), recorded_at);
    c.envelope_from = ascii_lower(bare_address(envelope.mail_from));
    for (const auto& r : envelope.recipients) c.envelope_to.push_back(bare_address(r));
    auto from = addresses(parsed->get(), GMIME_ADDRESS_TYPE_FROM);
    c.header_from = from.empty() ? std::string() : from.front();
    c.header_to = addresses(parsed->get(), GMIME_ADDRESS_TYPE_TO);
    c.header_cc = addresses(parsed->get(), GMIME_ADDRESS_TYPE_CC);
    c.subject = parsed->header("Subject");
    c.message_id = trim(parsed->header("Message-ID"));
    c.attachments = list_attachments(*parsed, limits);
    c.raw_message = raw;
    return c;
}

}  // namespace chaperone::archive
