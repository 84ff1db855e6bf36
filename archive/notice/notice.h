// The sender's notice: "your email was held for review" (quarantine), or "your email was
// delivered, but ..." (a rule whose action is deliver, e.g. weak-protection), and the
// message that carries it.
//
//   NoticeFacts facts = ...;                       // what happened, no PII beyond the sender's own
//   NoticeResult r = send_notice(facts, config);   // compose + SMTP to [release] relay
//   store.set_notice(id, r.sent ? sent : failed, r.detail);
//
// The text comes from [quarantine] notice_template (held notices) or the built-in template
// of the kind. Placeholders: {{school}} {{id}} {{subject}} {{recipients}} {{date}} {{rules}}
// {{advice}} {{dpo}}. A first line "Subject: ..." sets the notice's subject. The notice
// never quotes what was found: the rules' reasons name kinds of data, and the subject is the
// masked one stored with the held message.
//
// The notice goes from [quarantine] notice_from to the original envelope sender, through
// [release] relay (a listener without the milter, so a notice is never itself checked and
// held), marked Auto-Submitted: auto-generated. A failure is reported, never thrown: a
// failed notice never costs the held message.
//
// Thread-safety: pure functions plus one SMTP connection per send.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "archive/casefile/timestamp.h"
#include "archive/store/quarantine_store.h"
#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive {

enum class NoticeKind { held, warning };

struct NoticeFacts {
    NoticeKind kind = NoticeKind::held;
    std::string sender;                   // the original envelope sender: the notice goes here
    std::vector<std::string> recipients;  // the original's recipients, so the sender recognises it
    std::string subject;                  // masked
    Timestamp sent_at;
    QuarantineId id = 0;                  // held notices: the quarantine id (the DPO's reference)
    std::vector<QuarantineRule> rules;    // what fired: id + reason
};

// The built-in template of a kind.
std::string_view builtin_notice_template(NoticeKind kind);
// Problems with a template (unknown placeholders, unclosed "{{"), one line; empty when fine.
std::string notice_template_problem(std::string_view text);
// What the sender can do about one rule, one or two sentences.
std::string_view advice_for_rule(std::string_view rule_id);

// The template with its placeholders filled in. Returns {subject, body}.
struct NoticeText {
    std::string subject;
    std::string body;
};
NoticeText render_notice(std::string_view template_text, const NoticeFacts& facts, const policies::Config& config);

// The template to use: [quarantine] notice_template for held notices when set and valid,
// else the built-in one (a bad file is logged once per call, never fatal).
std::string notice_template_for(NoticeKind kind, const policies::Config& config);

// The whole notice message (RFC 5322, UTF-8 text/plain, MIME-encoded as needed).
std::string compose_notice_message(const NoticeFacts& facts, const policies::Config& config);

// A plain UTF-8 text message from the school's notice address (also used for the DPO's
// expiry report). `marker` is the X-Chaperone-Notice header's value.
std::string compose_text_message(const policies::Config& config, const std::string& to, const std::string& subject,
                                 const std::string& body, const std::string& marker);

struct NoticeResult {
    bool sent = false;
    std::string detail;  // the relay's answer, or what failed; never message content
};

// Composes and sends. No sender (the null sender <>): not sent, detail says so.
NoticeResult send_notice(const NoticeFacts& facts, const policies::Config& config);
// Sends a composed message from notice_from to `to` through [release] relay.
NoticeResult send_text_message(const policies::Config& config, const std::string& to, const std::string& message);

}  // namespace chaperone::archive
