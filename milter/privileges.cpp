// Privilege dropping; see privileges.h.
#include "milter/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace chaperone::milter {

Status drop_privileges(const std::string& user) {
    if (user.empty()) return Status::ok();
    passwd* pw = ::getpwnam(user.c_str());
    if (!pw) return Status::error(Errc::invalid_input, "[milter] run_as_user: no such user \"" + user + "\"");
    if (::geteuid() == pw->pw_uid) return Status::ok();
    if (::geteuid() != 0)
        return Status::error(Errc::permission, "[milter] run_as_user: must start as root to become \"" + user + "\"");
    if (::initgroups(pw->pw_name, pw->pw_gid) != 0 || ::setgid(pw->pw_gid) != 0 || ::setuid(pw->pw_uid) != 0)
        return Status::error(Errc::permission, std::string("cannot switch to user ") + user + ": " + std::strerror(errno));
    if (::setuid(0) == 0) return Status::error(Errc::internal, "regained root after dropping it");
    return Status::ok();
}

}  // namespace chaperone::milter
