// Roles and account names; see user_store.h.
#include "archive/store/user_store.h"

namespace chaperone::archive {

std::string_view role_name(UserRole role) {
    switch (role) {
        case UserRole::office: return "office";
        case UserRole::dpo: return "dpo";
        case UserRole::admin: return "admin";
    }
    return "office";
}

bool parse_role(std::string_view name, UserRole& out) {
    for (UserRole r : {UserRole::office, UserRole::dpo, UserRole::admin}) {
        if (name == role_name(r)) {
            out = r;
            return true;
        }
    }
    return false;
}

bool role_allows(UserRole have, UserRole need) { return static_cast<int>(have) >= static_cast<int>(need); }

bool valid_user_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxUserNameBytes) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                  c == '@' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace chaperone::archive
