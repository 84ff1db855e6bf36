// The DPO's quarantine: the queue of held messages (newest first, counts per rule, bulk
// actions), one message with its findings highlighted in context, and release / discard
// with a required reason; see routes.h.
//
// Release goes through release_held_message() (archive/quarantine/release.h), the path the
// CLI uses too, so a message is sent exactly once whichever of them acts first; the loser
// is told it was already decided. Listing and reading are audited by the quarantine store
// with the DPO as actor. Decisions are POSTs with the session's CSRF token.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "archive/web/findings_view.h"
#include "archive/web/html.h"
#include "archive/web/routes.h"
#include "pii/base/log.h"
#include "pii/extract/message_extractor.h"
#include "pii/mime/mime_message.h"

namespace chaperone::archive::web {
namespace {

constexpr std::size_t kMaxQueueShown = 500;
constexpr std::size_t kMaxBulkIds = 200;
constexpr std::size_t kMaxReasonBytes = 1000;

struct StateChoice {
    const char* value;
    const char* label;
    std::vector<QuarantineState> states;
};

const std::vector<StateChoice>& state_choices() {
    static const std::vector<StateChoice> choices = {
        {"waiting", "Waiting for a decision", {QuarantineState::held, QuarantineState::releasing}},
        {"released", "Released", {QuarantineState::released}},
        {"discarded", "Discarded", {QuarantineState::discarded}},
    };
    return choices;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string age(const Timestamp& t) {
    std::int64_t s = std::max<std::int64_t>(0, now_utc().unix_seconds - t.unix_seconds);
    if (s < 3600) return fmt::format("{} min", s / 60);
    if (s < 2 * 86400) return fmt::format("{} h", s / 3600);
    return fmt::format("{} days", s / 86400);
}

std::string human_size(std::uint64_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{:.0f} KB", bytes / 1024.0);
    return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

std::string state_label(QuarantineState s) {
    switch (s) {
        case QuarantineState::held: return "held, waiting for a decision";
        case QuarantineState::releasing: return "release unconfirmed (see below)";
        case QuarantineState::released: return "released";
        case QuarantineState::discarded: return "discarded";
    }
    return "held";
}

std::string notice_label(const QuarantineEntry& e) {
    switch (e.notice) {
        case NoticeState::not_needed: return "no notice was needed";
        case NoticeState::pending: return "notice not sent yet";
        case NoticeState::sent: return "yes, told the message is held for review";
        case NoticeState::failed: return "the notice could not be sent" + (e.notice_detail.empty() ? "" : ": " + e.notice_detail);
    }
    return "";
}

// The state's word as the queue shows it.
std::string state_word(QuarantineState s) {
    switch (s) {
        case QuarantineState::held: return "held";
        case QuarantineState::releasing: return "releasing";
        case QuarantineState::released: return "released";
        case QuarantineState::discarded: return "discarded";
    }
    return "held";
}

std::vector<std::string> rule_ids_of(const QuarantineEntry& e) {
    std::vector<std::string> out;
    for (const auto& r : e.rules) {
        if (std::find(out.begin(), out.end(), r.id) == out.end()) out.push_back(r.id);
    }
    return out;
}

bool actionable(QuarantineState s) { return s == QuarantineState::held || s == QuarantineState::releasing; }

// The reason field: required, bounded.
std::string reason_field(const httplib::Request& req) {
    std::string reason = form_field(req, "reason");
    if (reason.size() > kMaxReasonBytes) reason.resize(kMaxReasonBytes);
    return valid_utf8(reason);
}

// One decision on one message; "" on success, else a sentence for the DPO.
struct Decision {
    bool ok = false;
    std::string message;
};

Decision decide(WebContext& ctx, QuarantineId id, const std::string& action, const std::string& reason, bool force,
                const WebUser& user) {
    if (action == "discard") {
        Status s = ctx.quarantine->discard(id, user.actor(), reason);
        if (s) return {true, fmt::format("Message {} was discarded.", id)};
        if (s.code() == Errc::conflict) return {false, fmt::format("Message {} was already decided (released, being released or discarded).", id)};
        if (s.code() == Errc::not_found) return {false, fmt::format("Message {} does not exist.", id)};
        log::error("web: discarding quarantine entry {}: {}", id, s.message());
        return {false, fmt::format("Message {} could not be discarded: the store refused.", id)};
    }
    auto r = ctx.release(id, user.actor(), reason, force);
    if (!r) {
        if (r.status().code() == Errc::conflict) {
            return {false, fmt::format("Message {} was already decided (released, being released or discarded).", id)};
        }
        if (r.status().code() == Errc::not_found) return {false, fmt::format("Message {} does not exist.", id)};
        log::error("web: releasing quarantine entry {}: {}", id, r.error_message());
        return {false, fmt::format("Message {} could not be released: {}", id, r.error_message())};
    }
    switch (r->outcome) {
        case ReleaseOutcome::sent:
            if (!r->after_sent_error.empty()) {
                return {true, fmt::format("Message {} was released to its recipients, but it could not be filed to the "
                                          "case file; tell your administrator.",
                                          id)};
            }
            return {true, fmt::format("Message {} was released to its recipients.", id)};
        case ReleaseOutcome::not_sent:
            return {false, fmt::format("Message {} was not released: the mail relay refused it ({}). It is still held; "
                                       "try again later or tell your administrator.",
                                       id, r->relay_reply.empty() ? "no answer" : r->relay_reply)};
        case ReleaseOutcome::unknown:
            return {false, fmt::format("Message {}: the connection to the mail relay broke after sending, so it may "
                                       "or may not have been delivered. It is marked as release unconfirmed.",
                                       id)};
    }
    return {false, "unknown outcome"};
}

void unavailable(WebContext& ctx, httplib::Response& res, const WebUser& user) {
    render_message(ctx, res, &user, 503, "Quarantine unavailable",
                   "This console was started without access to the quarantine store.");
}

void show_message(WebContext& ctx, httplib::Response& res, const WebUser& user, QuarantineId id, const std::string& error,
                  const std::string& error_detail, const std::string& done, int status) {
    auto message = ctx.quarantine->read(id, user.actor());
    if (!message) {
        if (message.status().code() == Errc::not_found) {
            return render_message(ctx, res, &user, 404, "Not found",
                                  "This held message does not exist (it may have expired).");
        }
        log::error("web: reading quarantine entry {}: {}", id, message.error_message());
        return render_message(ctx, res, &user, 500, "Something went wrong", "The held message could not be read.");
    }
    const QuarantineEntry& e = message->entry;
    Value entry = Value::object();
    entry["id"] = static_cast<long long>(e.id);
    entry["subject"] = e.subject.empty() ? std::string("(no subject)") : valid_utf8(e.subject);
    entry["from"] = valid_utf8(e.shown_from());
    entry["to"] = valid_utf8(joined(e.envelope_to));
    entry["held_at"] = format_human(e.held_at);
    entry["age"] = age(e.held_at);
    entry["state_label"] = state_label(e.state);
    entry["notice"] = valid_utf8(notice_label(e));
    if (!e.decided_by.empty() && e.decided_at) {
        entry["decided_by"] = e.decided_by;
        entry["decided_at"] = format_human(*e.decided_at);
        entry["reason"] = valid_utf8(e.decision_reason);
    }
    for (const auto& r : e.rules) {
        Value& v = entry["rules"].push_back(Value::object());
        v["id"] = r.id;
        v["reason"] = valid_utf8(r.reason);
    }
    std::vector<std::string> pupils;
    for (const auto& upn : e.pupil_upns) {
        std::string name = ctx.pupil_names.name_of(upn);
        pupils.push_back(name.empty() ? upn : name + " (" + upn + ")");
    }
    entry["pupils"] = valid_utf8(joined(pupils));
    for (const auto& a : e.attachments) {
        Value& v = entry["attachments"].push_back(Value::object());
        v["name"] = a.name.empty() ? std::string("(unnamed)") : valid_utf8(a.name);
        v["type"] = a.content_type;
        v["size"] = human_size(a.size);
        v["protection"] = a.protection == "none" ? std::string("not password-protected") : "protection: " + a.protection;
    }
    Value page = Value::object();
    page["section"] = "quarantine";
    page["entry"] = std::move(entry);
    page["actionable"] = actionable(e.state);
    page["releasing"] = e.state == QuarantineState::releasing;
    page["error"] = error;
    page["error_detail"] = error_detail;
    page["done"] = done;
    page["has_findings"] = !e.findings.empty();
    for (const auto& f : e.findings) {
        Value& v = page["findings"].push_back(Value::object());
        v["kind"] = finding_kind_label(f.kind);
        v["where"] = valid_utf8(f.where);
        v["confidence"] = fmt::format("{:.0f}%", f.confidence * 100);
        Value rules = Value::list();
        for (const auto& r : f.rules) rules.push_back(r);
        v["rules"] = std::move(rules);
    }
    if (!message->raw.empty()) {
        auto parsed = pii::MimeMessage::parse(message->raw);
        if (parsed) {
            auto extraction = pii::extract_message(*parsed, extraction_limits(ctx.config.limits));
            for (auto& h : highlight_findings(extraction, e.findings)) {
                Value& v = page["sources"].push_back(Value::object());
                v["where"] = valid_utf8(h.where);
                v["html"] = std::move(h.html);
                v["excerpted"] = h.excerpted;
                v["skipped"] = static_cast<long long>(h.skipped);
            }
        }
    } else if (!actionable(e.state)) {
        page["gone"] = state_word(e.state);
    }
    render_page(ctx, res, &user, "quarantine_message", "Held message", std::move(page), status);
}

}  // namespace

void register_quarantine_routes(Router& router, WebContext& ctx) {
    router.get("/quarantine", UserRole::dpo, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        if (!ctx.quarantine) return unavailable(ctx, res, user);
        const StateChoice* choice = &state_choices()[0];
        for (const auto& c : state_choices()) {
            if (req.get_param_value("state") == c.value) choice = &c;
        }
        std::string rule = req.get_param_value("rule");
        if (rule.size() > 64) rule.clear();
        QuarantineQuery query;
        query.states = choice->states;
        query.limit = 100'000;
        auto entries = ctx.quarantine->list(query, user.actor());
        if (!entries) {
            log::error("web: listing the quarantine: {}", entries.error_message());
            return render_message(ctx, res, &user, 500, "Something went wrong", "The quarantine could not be read.");
        }
        Value page = Value::object();
        page["section"] = "quarantine";
        page["state"] = choice->value;
        page["rule"] = rule;
        page["actionable"] = std::string(choice->value) == "waiting";
        for (const auto& c : state_choices()) {
            Value& v = page["states"].push_back(Value::object());
            v["value"] = c.value;
            v["label"] = c.label;
            v["current"] = &c == choice;
        }
        std::map<std::string, long long> per_rule;
        Value rows = Value::list();
        std::size_t matching = 0;
        for (const auto& e : *entries) {
            auto ids = rule_ids_of(e);
            for (const auto& id : ids) ++per_rule[id];
            if (!rule.empty() && std::find(ids.begin(), ids.end(), rule) == ids.end()) continue;
            ++matching;
            if (rows.as_list()->size() >= kMaxQueueShown) continue;
            Value& row = rows.push_back(Value::object());
            row["id"] = static_cast<long long>(e.id);
            row["held_at"] = format_human(e.held_at);
            row["age"] = age(e.held_at);
            row["from"] = valid_utf8(e.shown_from());
            row["from_parts"] = mailbox_list({e.shown_from()});
            row["to"] = valid_utf8(joined(e.envelope_to));
            row["subject"] = e.subject.empty() ? std::string("(no subject)") : valid_utf8(e.subject);
            Value rules = Value::list();
            for (const auto& id : ids) rules.push_back(id);
            row["rules"] = std::move(rules);
            row["releasing"] = e.state == QuarantineState::releasing;
            row["selectable"] = e.state == QuarantineState::held;
            row["state"] = state_word(e.state);
            row["decided_by"] = e.decided_by;
        }
        page["has_entries"] = matching > 0;
        page["count"] = static_cast<long long>(matching);
        page["truncated"] = matching > kMaxQueueShown;
        page["shown"] = static_cast<long long>(kMaxQueueShown);
        page["entries"] = std::move(rows);
        for (const auto& [id, n] : per_rule) {
            Value& v = page["rule_counts"].push_back(Value::object());
            v["id"] = id;
            v["count"] = n;
            v["state"] = choice->value;
        }
        page["has_rule_counts"] = !per_rule.empty();
        std::string done = req.get_param_value("done");
        if (done == "released") page["done"] = "The message was released to its recipients.";
        if (done == "discarded") page["done"] = "The message was discarded.";
        render_page(ctx, res, &user, "quarantine", "Quarantine", std::move(page));
    });

    router.get(R"(/quarantine/(\d+))", UserRole::dpo,
               [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        if (!ctx.quarantine) return unavailable(ctx, res, user);
        QuarantineId id = parse_id(req.matches[1]);
        if (id == 0) return render_message(ctx, res, &user, 404, "Not found", "There is no such held message.");
        show_message(ctx, res, user, id, "", "", "", 200);
    });

    router.post(R"(/quarantine/(\d+)/decide)", UserRole::dpo,
                [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        if (!ctx.quarantine || !ctx.release) return unavailable(ctx, res, user);
        QuarantineId id = parse_id(req.matches[1]);
        if (id == 0) return render_message(ctx, res, &user, 404, "Not found", "There is no such held message.");
        std::string action = form_field(req, "action");
        if (action != "release" && action != "discard") {
            return show_message(ctx, res, user, id, "Choose release or discard", "", "", 400);
        }
        std::string reason = reason_field(req);
        if (reason.empty()) {
            return show_message(ctx, res, user, id, "Give a reason",
                                "A release or discard needs a reason; it is kept in the audit log. Nothing was done.", "",
                                400);
        }
        Decision d = decide(ctx, id, action, reason, form_field(req, "force") == "1", user);
        if (!d.ok) return show_message(ctx, res, user, id, "Nothing was done", d.message, "", 409);
        redirect(res, action == "release" ? "/quarantine?done=released" : "/quarantine?done=discarded");
    });

    router.post("/quarantine/bulk", UserRole::dpo, [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        if (!ctx.quarantine || !ctx.release) return unavailable(ctx, res, user);
        std::string action = form_field(req, "action");
        std::string reason = reason_field(req);
        std::vector<QuarantineId> ids;
        auto range = req.params.equal_range("id");
        for (auto it = range.first; it != range.second && ids.size() < kMaxBulkIds; ++it) {
            if (QuarantineId id = parse_id(it->second); id > 0 && std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(id);
            }
        }
        Value page = Value::object();
        page["section"] = "quarantine";
        if (action != "release" && action != "discard") page["problem"] = "Choose release or discard.";
        else if (ids.empty()) page["problem"] = "Select at least one message.";
        else if (reason.empty()) page["problem"] = "Give a reason; it is kept in the audit log.";
        if (page.member("problem")) {
            page["title"] = "Nothing was done";
            return render_page(ctx, res, &user, "quarantine_bulk", "Quarantine", std::move(page), 400);
        }
        long long done = 0;
        for (QuarantineId id : ids) {
            Decision d = decide(ctx, id, action, reason, false, user);
            if (d.ok) ++done;
            Value& v = page[d.ok ? "succeeded" : "failed"].push_back(Value::object());
            v["text"] = d.message;
        }
        page["title"] = fmt::format("{} of {} message(s) {}", done, ids.size(), action == "release" ? "released" : "discarded");
        render_page(ctx, res, &user, "quarantine_bulk", "Quarantine", std::move(page));
    });
}

}  // namespace chaperone::archive::web
