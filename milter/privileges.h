// Dropping root after the socket is bound and the store is open: the milter then runs as
// [milter] run_as_user with that user's groups, and can never regain root.
#pragma once

#include <string>

#include "pii/base/result.h"

namespace chaperone::milter {

// No-op (ok) when `user` is empty. Errors when not root but asked to change user.
Status drop_privileges(const std::string& user);

}  // namespace chaperone::milter
