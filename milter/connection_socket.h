// Prompt ACKs on a TCP milter connection.
//
// Why: Postfix writes a large milter packet (a body chunk) in several write()s with Nagle
// on. Its second write waits for our ACK of the first, and Linux delays that ACK (up to
// 40 ms) because we have nothing to send back yet: a stall per message, with the CPU
// idle, that only inet sockets suffer (measured: 0.48 of Postfix-alone throughput vs 0.85
// over a unix socket). TCP_QUICKACK makes the kernel ACK at once, but it does not stay
// set, so it is re-armed in every callback, right before libmilter reads the next command.
//
// libmilter does not expose the connection descriptor; it is the second field of its
// context struct (smfi_str: ctx_id, ctx_sd, ... — unchanged since Sendmail 8.12). It is
// used only after checking that it really is a connected TCP socket of ours.
#pragma once

#include <libmilter/mfapi.h>

namespace chaperone::milter {

// The TCP socket of this milter connection, or -1 (unix socket, or not recognisable).
int tcp_socket_of(SMFICTX* ctx);

// Re-arms TCP_QUICKACK; a no-op for fd < 0.
void rearm_quickack(int fd);

}  // namespace chaperone::milter
