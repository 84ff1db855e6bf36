// A small SMTP client for the one thing Chaperone sends mail for: handing a message to the
// school's own MTA ([release] relay) — released quarantine, notices to senders, reports.
//
//   auto endpoint = parse_smtp_endpoint(config.release.relay);   // "127.0.0.1:10027"
//   SmtpOutcome r = smtp_send(*endpoint, {from, {to...}, message_bytes}, options);
//   if (r.delivered) ... else log r.error (never the message)
//
// One connection, one message: EHLO (HELO when refused), MAIL FROM (BODY=8BITMIME when
// the message has 8-bit bytes and the server offers it), RCPT TO for each recipient (any
// refusal aborts the whole send: a release goes to every original recipient or to none),
// DATA with CRLF line ends and dot-stuffing, QUIT. No TLS, no AUTH: the relay is a local
// listener trusted by address.
//
// Bounded: every read and write has the deadline `timeout` (per command, poll-based, also
// for connect); a reply may have at most kMaxReplyLines lines of at most kMaxReplyLineBytes.
// SIGPIPE is never raised (MSG_NOSIGNAL).
//
// What `delivered` and `final_dot_sent` mean for exactly-once: delivered is the server's 2xx
// to the final dot (it took responsibility). If the connection breaks or times out after the
// final dot was written and before that reply, final_dot_sent is true and delivered false:
// the message may or may not have been taken, and callers must not assume either.
//
// Thread-safety: smtp_send() is reentrant; each call has its own socket.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::archive::smtp {

inline constexpr std::size_t kMaxReplyLines = 100;
inline constexpr std::size_t kMaxReplyLineBytes = 4096;
inline constexpr std::size_t kMaxRecipients = 1000;

struct SmtpEndpoint {
    std::string host;  // name or address; "[::1]" form accepted for IPv6
    int port = 25;
};

// "127.0.0.1:10027", "localhost", "[::1]:25", "mail.school.example:587".
Result<SmtpEndpoint> parse_smtp_endpoint(std::string_view text);

struct SmtpEnvelope {
    std::string mail_from;               // "" for the null sender <>
    std::vector<std::string> recipients;
    std::string data;                    // the whole message, LF or CRLF line ends
};

struct SmtpOptions {
    std::string helo = "localhost";
    std::chrono::milliseconds timeout{30000};  // per connect, per command, per body write
};

enum class SmtpStage { connect, greeting, hello, mail, rcpt, data, body, done };
std::string_view smtp_stage_name(SmtpStage stage);

struct SmtpOutcome {
    bool delivered = false;       // 2xx to the final dot
    bool final_dot_sent = false;  // the whole message and its final dot were written
    SmtpStage stage = SmtpStage::connect;  // where it stopped (done when delivered)
    int code = 0;                 // the last reply code (0: none)
    std::string reply;            // the last reply, lines joined by " / " (bounded)
    std::string error;            // one line for logs and people: what failed and why
};

SmtpOutcome smtp_send(const SmtpEndpoint& endpoint, const SmtpEnvelope& envelope, const SmtpOptions& options);

// The DATA payload: CRLF line ends, dot-stuffed, ending with CRLF "." CRLF.
std::string dot_stuffed(std::string_view message);

}  // namespace chaperone::archive::smtp
