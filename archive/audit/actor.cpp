// Finding out who runs the CLI; see actor.h.
#include "archive/audit/actor.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace chaperone::archive {

std::string current_os_user() {
    struct passwd* pw = getpwuid(getuid());
    return pw ? std::string(pw->pw_name) : "uid " + std::to_string(getuid());
}

Actor current_os_actor() {
    const char* sudo_user = std::getenv("SUDO_USER");
    if (sudo_user && *sudo_user) return Actor{sudo_user, "cli"};
    return Actor{current_os_user(), "cli"};
}

}  // namespace chaperone::archive
