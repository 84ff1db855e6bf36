// libmilter callbacks; see milter_callbacks.h.
//
// Protocol economy: we negotiate away CONNECT, HELO, DATA, EOH and unknown commands, and ask
// the MTA not to wait for replies to MAIL, RCPT, header and body (SMFIP_NR_*). Those
// callbacks then must answer SMFIS_NOREPLY, so a failure during collection cannot be
// answered on the spot: it is recorded and answered at end of message (tempfail).
#include "milter/milter_callbacks.h"

#include <cstring>
#include <memory>
#include <optional>

#include "milter/connection_socket.h"
#include "milter/libmilter_actions.h"
#include "milter/message_processor.h"
#include "pii/base/log.h"
#include "policies/address/domain.h"

namespace chaperone::milter {
namespace {

Engine* g_engine = nullptr;  // set once before smfi_main(); read-only afterwards

struct ConnectionContext {
    int tcp_fd = -1;                   // the connection's TCP socket (for prompt ACKs), or -1
    unsigned long no_reply_steps = 0;  // SMFIP_NR_* the MTA agreed to
    bool mta_lacks_actions = false;    // negotiation showed we could not apply a footer
    std::string failure;               // first failure while collecting this message
    std::shared_ptr<const EngineSnapshot> snapshot;
    std::optional<CollectedMessage> message;

    void reset_message() {
        message.reset();
        snapshot.reset();
        failure.clear();
    }
};

ConnectionContext* context_of(SMFICTX* ctx) { return static_cast<ConnectionContext*>(smfi_getpriv(ctx)); }

std::string macro(SMFICTX* ctx, const char* name) {
    const char* value = smfi_getsymval(ctx, const_cast<char*>(name));
    return value ? value : "";
}

// What a collecting callback answers: nothing at all when the MTA agreed not to wait.
// Re-arms prompt ACKs first: libmilter reads the next command as soon as we return.
sfsistat carry_on(const ConnectionContext* cc, unsigned long no_reply_flag) {
    if (cc) rearm_quickack(cc->tcp_fd);
    return cc && (cc->no_reply_steps & no_reply_flag) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

// Records a failure during collection; end of message answers it (fail-closed).
sfsistat collect_failure(ConnectionContext* cc, unsigned long no_reply_flag, const std::string& what) {
    if (cc && cc->failure.empty()) cc->failure = what;
    return carry_on(cc, no_reply_flag);
}

sfsistat fail_at_eom(ConnectionContext* cc, const std::string& what) {
    bool fail_open = cc && cc->snapshot && cc->snapshot->config->milter.fail_open;
    log::error("{}; {}", what, fail_open ? "accepted unchecked (fail_open = true)" : "tempfail");
    return fail_open ? SMFIS_ACCEPT : SMFIS_TEMPFAIL;
}

// Exceptions must never unwind into libmilter's C code: each callback body runs inside this.
template <typename Body>
sfsistat guarded(SMFICTX* ctx, const char* stage, unsigned long no_reply_flag, Body&& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return collect_failure(context_of(ctx), no_reply_flag, std::string("internal error at ") + stage + ": " + e.what());
    } catch (...) {
        return collect_failure(context_of(ctx), no_reply_flag, std::string("internal error at ") + stage);
    }
}

sfsistat on_negotiate(SMFICTX* ctx, unsigned long f0, unsigned long f1, unsigned long /*f2*/, unsigned long /*f3*/,
                      unsigned long* pf0, unsigned long* pf1, unsigned long* pf2, unsigned long* pf3) {
    auto* cc = new (std::nothrow) ConnectionContext;
    if (!cc) return SMFIS_TEMPFAIL;
    smfi_setpriv(ctx, cc);
    cc->tcp_fd = tcp_socket_of(ctx);
    rearm_quickack(cc->tcp_fd);
    const unsigned long wanted_actions = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY;
    if ((f0 & wanted_actions) != wanted_actions) {
        // Answering REJECT here would make the MTA skip this milter and send mail unchecked;
        // instead every message on this connection is tempfailed with the reason logged.
        log::error("the MTA does not offer header and body changes (actions 0x{:x}); messages will be tempfailed", f0);
        cc->mta_lacks_actions = true;
    }
    *pf0 = wanted_actions & f0;
    const unsigned long skip = SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOUNKNOWN | SMFIP_NODATA | SMFIP_NOEOH;
    const unsigned long no_reply = SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_BODY;
    *pf1 = (skip | no_reply) & f1;
    cc->no_reply_steps = no_reply & f1;
    log::debug("negotiated actions 0x{:x} steps 0x{:x} (MTA offered 0x{:x} / 0x{:x})", *pf0, *pf1, f0, f1);
    *pf2 = 0;
    *pf3 = 0;
    // Only the macros we read, so the MTA sends less.
    smfi_setsymlist(ctx, SMFIM_ENVFROM, const_cast<char*>("{auth_authen} {client_addr}"));
    smfi_setsymlist(ctx, SMFIM_ENVRCPT, const_cast<char*>("{rcpt_mailer}"));
    smfi_setsymlist(ctx, SMFIM_EOM, const_cast<char*>("i"));
    return SMFIS_CONTINUE;
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
    return guarded(ctx, "MAIL FROM", SMFIP_NR_MAIL, [&] {
        ConnectionContext* cc = context_of(ctx);
        if (!cc) {  // an MTA that skipped negotiation; libmilter still calls us
            cc = new ConnectionContext;
            smfi_setpriv(ctx, cc);
        }
        cc->reset_message();
        cc->snapshot = g_engine->current();
        const auto& config = *cc->snapshot->config;
        cc->message.emplace(config.milter.spill_bytes, config.milter.temp_dir);
        if (cc->mta_lacks_actions) return collect_failure(cc, SMFIP_NR_MAIL, "the MTA cannot apply changes to messages");
        policies::Envelope& envelope = cc->message->envelope;
        envelope.mail_from = argv && argv[0] ? policies::normalize_address(argv[0]) : "";
        envelope.auth_user = macro(ctx, "{auth_authen}");
        envelope.client_address = macro(ctx, "{client_addr}");
        return carry_on(cc, SMFIP_NR_MAIL);
    });
}

sfsistat on_envrcpt(SMFICTX* ctx, char** argv) {
    return guarded(ctx, "RCPT TO", SMFIP_NR_RCPT, [&] {
        ConnectionContext* cc = context_of(ctx);
        if (!cc || !cc->message) return collect_failure(cc, SMFIP_NR_RCPT, "RCPT TO without MAIL FROM");
        auto& recipients = cc->message->envelope.recipients;
        if (argv && argv[0] && recipients.size() < 100000) recipients.push_back(policies::normalize_address(argv[0]));
        return carry_on(cc, SMFIP_NR_RCPT);
    });
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
    return guarded(ctx, "header", SMFIP_NR_HDR, [&] {
        ConnectionContext* cc = context_of(ctx);
        if (!cc || !cc->message) return collect_failure(cc, SMFIP_NR_HDR, "header without MAIL FROM");
        CollectedMessage& m = *cc->message;
        m.header_bytes += std::strlen(name) + std::strlen(value) + 3;
        if (m.size() > cc->snapshot->config->milter.max_message_bytes) m.oversized = true;
        if (!m.oversized) m.headers.push_back({name, value});
        return carry_on(cc, SMFIP_NR_HDR);
    });
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t size) {
    return guarded(ctx, "body", SMFIP_NR_BODY, [&] {
        ConnectionContext* cc = context_of(ctx);
        if (!cc || !cc->message) return collect_failure(cc, SMFIP_NR_BODY, "body without MAIL FROM");
        CollectedMessage& m = *cc->message;
        if (m.oversized || !m.collect_error.is_ok()) return carry_on(cc, SMFIP_NR_BODY);
        if (m.size() + size > cc->snapshot->config->milter.max_message_bytes) {
            m.oversized = true;
            return carry_on(cc, SMFIP_NR_BODY);
        }
        Status s = m.body.append(std::string_view(reinterpret_cast<const char*>(chunk), size));
        if (!s) m.collect_error = s;  // e.g. the spill disk is full: answered at end of message
        return carry_on(cc, SMFIP_NR_BODY);
    });
}

sfsistat on_eom(SMFICTX* ctx) {
    ConnectionContext* cc = context_of(ctx);
    try {
        if (!cc || !cc->message) return fail_at_eom(cc, "end of message without MAIL FROM state");
        if (!cc->failure.empty()) {
            std::string failure = cc->failure;
            sfsistat answer = fail_at_eom(cc, failure);
            cc->reset_message();
            return answer;
        }
        CollectedMessage& m = *cc->message;
        m.envelope.queue_id = macro(ctx, "i");
        LibmilterActions actions(ctx);
        MtaReply reply = MessageProcessor(cc->snapshot).process(m, actions);
        cc->reset_message();
        rearm_quickack(cc->tcp_fd);
        if (!reply.code.empty()) {
            smfi_setreply(ctx, const_cast<char*>(reply.code.c_str()), const_cast<char*>(reply.xcode.c_str()),
                          const_cast<char*>(reply.text.c_str()));
        }
        switch (reply.verdict) {
            case MtaVerdict::accept: return SMFIS_ACCEPT;
            case MtaVerdict::discard: return SMFIS_DISCARD;
            case MtaVerdict::reject: return SMFIS_REJECT;
            case MtaVerdict::tempfail: return SMFIS_TEMPFAIL;
        }
        return SMFIS_TEMPFAIL;
    } catch (...) {
        sfsistat answer = fail_at_eom(cc, "internal error at end of message");
        if (cc) cc->reset_message();
        return answer;
    }
}

sfsistat on_abort(SMFICTX* ctx) {
    if (ConnectionContext* cc = context_of(ctx)) {
        cc->reset_message();
        rearm_quickack(cc->tcp_fd);
    }
    return SMFIS_CONTINUE;
}

sfsistat on_close(SMFICTX* ctx) {
    delete context_of(ctx);
    smfi_setpriv(ctx, nullptr);
    return SMFIS_CONTINUE;
}

}  // namespace

void set_callback_engine(Engine* engine) { g_engine = engine; }

smfiDesc make_filter_description() {
    smfiDesc desc{};
    desc.xxfi_name = const_cast<char*>("chaperone");
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY;
    desc.xxfi_envfrom = on_envfrom;
    desc.xxfi_envrcpt = on_envrcpt;
    desc.xxfi_header = on_header;
    desc.xxfi_body = on_body;
    desc.xxfi_eom = on_eom;
    desc.xxfi_abort = on_abort;
    desc.xxfi_close = on_close;
    desc.xxfi_negotiate = on_negotiate;
    return desc;
}

}  // namespace chaperone::milter
