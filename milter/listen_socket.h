// The milter's listening socket: libmilter spec parsing, unix socket ownership and mode,
// and TCP_NODELAY on an inet listener.
//
// Specs: "unix:/run/chaperone/milter.sock" (the documented default, also "local:PATH"),
// "inet:PORT@HOST", "inet6:PORT@HOST". The Postfix spelling "inet:HOST:PORT" is a common
// slip and is rejected with the libmilter form in the message.
#pragma once

#include <string>

#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::milter {

struct SocketSpec {
    enum class Family { unix_path, inet, inet6 } family = Family::unix_path;
    std::string path;  // unix
    std::string host;  // inet
    int port = 0;      // inet
    std::string libmilter_spec;  // what smfi_setconn() gets
};

Result<SocketSpec> parse_socket_spec(const std::string& spec);

// Creates the unix socket's directory (0750) when missing. Call before smfi_opensocket().
Status prepare_socket_directory(const SocketSpec& spec);

// After smfi_opensocket(): chown/chmod a unix socket per [milter] socket_owner/group/mode,
// so Postfix (user postfix) can connect; or set TCP_NODELAY on an inet listener so the
// accepted connections (which inherit it on Linux) never hold small replies back.
Status finish_socket_setup(const SocketSpec& spec, const policies::MilterConfig& config);

}  // namespace chaperone::milter
