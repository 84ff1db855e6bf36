// Who is reading or changing the archive, for the audit log.
//
// The CLI uses current_os_actor(): $SUDO_USER when run through sudo (the person, not the
// service account), else the name of the real uid. The web console will pass the logged-in
// user's name with channel "web". os_user is always the account the process runs as.
#pragma once

#include <string>

namespace chaperone::archive {

struct Actor {
    std::string name;     // the person (or "milter" for the daemon)
    std::string channel;  // "cli" | "web" | "milter"
};

Actor current_os_actor();
std::string current_os_user();

}  // namespace chaperone::archive
