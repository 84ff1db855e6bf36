// Keyed chain links and canonical record encoding; see chain_link.h.
#include "archive/crypto/chain_link.h"

#include <sodium.h>

#include "archive/crypto/sodium_init.h"

namespace chaperone::archive::crypto {
namespace {

void append_le64(std::string& out, std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

std::string genesis_link() { return std::string(kLinkBytes, '\0'); }

std::string chain_link(const SecretBytes& chain_key, std::string_view previous_link, std::int64_t seq,
                       std::string_view kind, std::int64_t ref_id, std::string_view digest) {
    (void)ensure_sodium();
    std::string message;
    message.reserve(previous_link.size() + kind.size() + digest.size() + 17);
    message.append(previous_link);
    append_le64(message, seq);
    message.append(kind);
    message.push_back('\0');
    append_le64(message, ref_id);
    message.append(digest);
    std::string out(kLinkBytes, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), chain_key.data(),
                       SecretBytes::size());
    return out;
}

std::string canonical_record(const CanonicalFields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        out.append(name);
        out.push_back('=');
        out.append(std::to_string(value.size()));
        out.push_back(':');
        out.append(value);
        out.push_back('\n');
    }
    return out;
}

}  // namespace chaperone::archive::crypto
