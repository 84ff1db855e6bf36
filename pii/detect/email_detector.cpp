// email: addresses in the text other than the correspondents' own and the school's.
//
// Found by looking for '@' (memchr: fast on any text) and growing the local part and the
// domain around it; the domain needs a dot and a letters-only top-level label. Not
// findings: the envelope sender and recipients, any address at an internal domain or its
// subdomains, staff addresses. A roster contact's address ties the finding to that
// contact's children.
#include <cstring>

#include "pii/detect/detector.h"

namespace chaperone::pii {
namespace {

// RFC 5321 limits: 64 for the local part, 253 for a domain.
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxDomain = 253;

bool is_local_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-' || c == '\'';
}
bool is_domain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool valid_domain(std::string_view d) {
    if (d.empty() || d.front() == '.' || d.front() == '-') return false;
    const auto dot = d.rfind('.');
    if (dot == std::string_view::npos || dot + 3 > d.size()) return false;
    for (char c : d.substr(dot + 1)) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return d.find("..") == std::string_view::npos;
}

bool is_internal(std::string_view domain, const std::vector<std::string>& internal) {
    for (const std::string& d : internal) {
        const std::string nd = normalise_email(d);
        if (domain == nd) return true;
        if (domain.size() > nd.size() && domain.substr(domain.size() - nd.size()) == nd &&
            domain[domain.size() - nd.size() - 1] == '.') {
            return true;
        }
    }
    return false;
}

class EmailDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::email; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        std::size_t pos = 0;
        while (pos < text.size()) {
            const void* hit = std::memchr(text.data() + pos, '@', text.size() - pos);
            if (!hit) break;
            const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
            pos = at + 1;
            std::size_t start = at;
            while (start > 0 && at - start < kMaxLocalPart && is_local_char(text[start - 1])) --start;
            while (start < at && (text[start] == '.' || text[start] == '\'' || text[start] == '-')) ++start;
            std::size_t end = at + 1;
            while (end < text.size() && end - at - 1 < kMaxDomain && is_domain_char(text[end])) ++end;
            while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
            if (start == at || text[at - 1] == '.') continue;
            const std::string_view domain = text.substr(at + 1, end - at - 1);
            if (!valid_domain(domain)) continue;
            pos = end;

            const std::string address = normalise_email(text.substr(start, end - start));
            if (is_correspondent(address, in.context)) continue;
            const std::string lower_domain = address.substr(address.find('@') + 1);
            if (is_internal(lower_domain, in.context.internal_domains)) continue;
            if (in.roster && in.roster->is_staff_email(address)) continue;

            Finding f = make_finding(in, PiiKind::email, start, end, 0.9, "email address");
            if (in.roster) {
                if (auto upns = in.roster->children_of_contact_email(address); !upns.empty()) {
                    f.subject = Subject::contact;
                    f.pupil_upns = std::move(upns);
                    f.confidence = 0.95;
                    f.reason = "roster contact email";
                }
            }
            out.push_back(std::move(f));
        }
    }

private:
    static bool is_correspondent(const std::string& address, const ScanContext& context) {
        if (normalise_email(context.sender.address) == address) return true;
        for (const Correspondent& r : context.recipients) {
            if (normalise_email(r.address) == address) return true;
        }
        return false;
    }
};

}  // namespace

std::unique_ptr<Detector> make_email_detector() { return std::make_unique<EmailDetector>(); }

}  // namespace chaperone::pii
