// Quarantine fingerprints; see fingerprint.h.
#include "archive/quarantine/fingerprint.h"

#include <algorithm>

#include "archive/crypto/chain_link.h"
#include "archive/crypto/sodium_init.h"

namespace chaperone::archive {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

std::string quarantine_fingerprint(const FingerprintInput& input) {
    std::vector<std::string> to;
    if (input.envelope_to) {
        for (const auto& r : *input.envelope_to) to.push_back(lower(r));
    }
    std::sort(to.begin(), to.end());
    std::string recipients;
    for (const auto& r : to) recipients += r + "\n";
    std::string from = lower(input.envelope_from);
    std::string message_id = trimmed(input.message_id);
    std::string date = trimmed(input.date);
    std::string subject = trimmed(input.subject);
    std::string body_hash = crypto::blake2b256(input.body);
    crypto::CanonicalFields fields = {{"record", "quarantine-fingerprint/1"}, {"from", from},
                                      {"to", recipients},                    {"message_id", message_id},
                                      {"date", date},                        {"subject", subject},
                                      {"body", body_hash}};
    return crypto::hex(crypto::blake2b256(crypto::canonical_record(fields)));
}

}  // namespace chaperone::archive
