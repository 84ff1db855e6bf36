// Prompt ACKs on TCP milter connections; see connection_socket.h.
#include "milter/connection_socket.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>

namespace chaperone::milter {
namespace {

// The leading fields of libmilter's private struct smfi_str.
struct LibmilterContextPrefix {
    pthread_t thread;
    int socket;
};

}  // namespace

int tcp_socket_of(SMFICTX* ctx) {
    if (!ctx) return -1;
    int fd = reinterpret_cast<const LibmilterContextPrefix*>(ctx)->socket;
    if (fd < 0) return -1;
    int type = 0;
    socklen_t len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) return -1;
    sockaddr_storage local{};
    socklen_t alen = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &alen) != 0) return -1;
    if (local.ss_family != AF_INET && local.ss_family != AF_INET6) return -1;
    int listening = 1;
    len = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening) return -1;
    return fd;
}

void rearm_quickack(int fd) {
    if (fd < 0) return;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

}  // namespace chaperone::milter
