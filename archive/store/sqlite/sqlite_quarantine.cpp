// The quarantine in SQLite: held messages, the release state machine, retention; see
// quarantine_store.h. Sealed messages live in <dir>/quarantine (a BlobStore of their own, so
// the case files' fsck never mistakes them for orphans).
//
// Every state change is one UPDATE guarded by the state it expects ("... WHERE id = ? AND
// state = 'held'") plus its audit record, in one BEGIN IMMEDIATE transaction: two processes
// racing for the same entry are ordered by SQLite's write lock, and the loser's UPDATE
// changes no row.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <set>

#include "archive/crypto/sodium_init.h"
#include "archive/quarantine/crash_point.h"
#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxListed = 100'000;
constexpr const char* kColumns =
    "id, held_at, fingerprint, queue_id, envelope_from, envelope_to, header_from, subject, message_id, rules, "
    "findings, attachments, pupils, message_size, state, notice, notice_detail, decided_by, decided_at, "
    "decision_reason, blob_id";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json strings_json(const std::vector<std::string>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back(v);
    return out;
}

std::vector<std::string> strings_from(const json& j) {
    std::vector<std::string> out;
    if (!j.is_array()) return out;
    for (const auto& v : j)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

json rules_json(const std::vector<QuarantineRule>& rules) {
    json out = json::array();
    for (const auto& r : rules) out.push_back({{"id", r.id}, {"action", r.action}, {"reason", r.reason}});
    return out;
}

json findings_json(const std::vector<QuarantineFinding>& findings) {
    json out = json::array();
    for (const auto& f : findings) {
        out.push_back({{"kind", f.kind},
                       {"where", f.where},
                       {"start", f.start},
                       {"end", f.end},
                       {"confidence", f.confidence},
                       {"rules", strings_json(f.rules)}});
    }
    return out;
}

json attachments_json(const std::vector<QuarantineAttachment>& attachments) {
    json out = json::array();
    for (const auto& a : attachments) {
        out.push_back({{"name", a.name}, {"content_type", a.content_type}, {"size", a.size}, {"protection", a.protection}});
    }
    return out;
}

QuarantineEntry entry_from_row(const Statement& st) {
    QuarantineEntry e;
    e.id = st.int64(0);
    e.held_at = parse_iso8601(st.text(1)).value_or(Timestamp{});
    e.fingerprint = st.text(2);
    e.queue_id = st.text(3);
    e.envelope_from = st.text(4);
    e.envelope_to = strings_from(json::parse(st.text(5), nullptr, false));
    e.header_from = st.text(6);
    e.subject = st.text(7);
    e.message_id = st.text(8);
    json rules = json::parse(st.text(9), nullptr, false);
    if (rules.is_array()) {
        for (const auto& r : rules) {
            if (!r.is_object()) continue;
            e.rules.push_back({r.value("id", ""), r.value("action", ""), r.value("reason", "")});
        }
    }
    json findings = json::parse(st.text(10), nullptr, false);
    if (findings.is_array()) {
        for (const auto& f : findings) {
            if (!f.is_object()) continue;
            QuarantineFinding q;
            q.kind = f.value("kind", "");
            q.where = f.value("where", "");
            q.start = f.value("start", std::uint64_t{0});
            q.end = f.value("end", std::uint64_t{0});
            q.confidence = f.value("confidence", 0.0);
            if (f.contains("rules")) q.rules = strings_from(f["rules"]);
            e.findings.push_back(std::move(q));
        }
    }
    json attachments = json::parse(st.text(11), nullptr, false);
    if (attachments.is_array()) {
        for (const auto& a : attachments) {
            if (!a.is_object()) continue;
            e.attachments.push_back(
                {a.value("name", ""), a.value("content_type", ""), a.value("size", std::uint64_t{0}), a.value("protection", "")});
        }
    }
    e.pupil_upns = strings_from(json::parse(st.text(12), nullptr, false));
    e.message_size = static_cast<std::uint64_t>(st.int64(13));
    parse_quarantine_state(st.text(14), e.state);
    parse_notice_state(st.text(15), e.notice);
    e.notice_detail = st.text(16);
    e.decided_by = st.text(17);
    if (!st.text(18).empty()) e.decided_at = parse_iso8601(st.text(18));
    e.decision_reason = st.text(19);
    e.blob_id = st.text(20);
    return e;
}

std::string target_of(QuarantineId id) { return fmt::format("quarantine {}", id); }

const Actor& milter_actor() {
    static const Actor actor{"milter", "milter"};
    return actor;
}

class SqliteQuarantineStore final : public QuarantineStore {
public:
    explicit SqliteQuarantineStore(StoreState& state)
        : state_(state), blobs_(state.blobs.root().parent_path() / "quarantine") {}

    Result<HoldResult> hold(const HoldRequest& request) override;
    Status set_notice(QuarantineId id, NoticeState state, std::string_view detail) override;
    Result<std::vector<QuarantineEntry>> list(const QuarantineQuery& query, const Actor& actor) override;
    Result<QuarantineEntry> find(QuarantineId id) override;
    Result<Message> read(QuarantineId id, const Actor& actor) override;
    Result<ReleaseClaim> claim_release(QuarantineId id, const Actor& actor, const std::string& reason,
                                       bool force_stuck) override;
    Status finish_release(QuarantineId id, const std::string& token, ReleaseOutcome outcome, const Actor& actor,
                          std::string_view detail) override;
    Status discard(QuarantineId id, const Actor& actor, const std::string& reason) override;
    Result<std::vector<ExpiryItem>> expired(const Timestamp& now, int retention_days) override;
    Result<std::vector<ExpiryItem>> expiring(const Timestamp& now, int retention_days, int within_days) override;
    Result<std::size_t> expire(const std::vector<ExpiryItem>& items, const Actor& actor) override;
    Result<std::size_t> sweep_orphans(std::chrono::seconds min_age, bool remove) override;

private:
    Result<std::optional<HoldResult>> find_fingerprint_locked(const std::string& fingerprint);
    Result<QuarantineEntry> find_locked(QuarantineId id);
    Result<std::vector<ExpiryItem>> held_before_locked(std::int64_t cutoff_utc, std::int64_t not_before_utc,
                                                      bool held_only, int retention_days);
    Status need_secret_key() const {
        if (state_.secret_key) return Status::ok();
        return Status::error(Errc::permission,
                             "reading held messages needs the archive secret key (" +
                                 std::string("run as the user that owns archive.key") + ")");
    }

    StoreState& state_;
    BlobStore blobs_;
};

Result<std::optional<HoldResult>> SqliteQuarantineStore::find_fingerprint_locked(const std::string& fingerprint) {
    auto st = state_.db.prepare("SELECT id, notice FROM quarantine WHERE fingerprint = ?");
    CHAPERONE_TRY(st);
    st->bind(1, fingerprint);
    auto row = st->step();
    CHAPERONE_TRY(row);
    if (!*row) return std::optional<HoldResult>();
    HoldResult r;
    r.id = st->int64(0);
    r.already_held = true;
    parse_notice_state(st->text(1), r.notice);
    return std::optional<HoldResult>(r);
}

Result<HoldResult> SqliteQuarantineStore::hold(const HoldRequest& request) {
    if (request.raw_message.empty()) return Status::error(Errc::invalid_input, "holding a message: empty message");
    if (request.fingerprint.empty()) return Status::error(Errc::invalid_input, "holding a message: no fingerprint");
    {
        // A repeat (the MTA retried after we crashed between commit and reply) costs no blob.
        std::lock_guard lock(state_.mutex);
        auto existing = find_fingerprint_locked(request.fingerprint);
        CHAPERONE_TRY(existing);
        if (*existing) return **existing;
    }
    // Encryption and fsync without the lock.
    auto blob = blobs_.write(request.raw_message, state_.public_key);
    if (!blob) return blob.status().with_context("holding a message");
    crash_point("after-blob");

    auto result = [&]() -> Result<HoldResult> {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        // Two copies of one message arriving at once: the second finds the first here.
        auto existing = find_fingerprint_locked(request.fingerprint);
        CHAPERONE_TRY(existing);
        if (*existing) return **existing;

        NoticeState notice = request.notice_wanted ? NoticeState::pending : NoticeState::not_needed;
        auto insert = state_.db.prepare(
            "INSERT INTO quarantine (fingerprint, held_at, held_utc, queue_id, envelope_from, envelope_to, header_from, "
            "subject, message_id, rules, findings, attachments, pupils, message_size, blob_id, blob_size, blob_hash, "
            "state, notice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'held', ?)");
        CHAPERONE_TRY(insert);
        insert->bind(1, request.fingerprint)
            .bind(2, format_iso8601(request.received_at))
            .bind(3, request.received_at.unix_seconds)
            .bind(4, request.queue_id)
            .bind(5, request.envelope_from)
            .bind(6, dump(strings_json(request.envelope_to)))
            .bind(7, request.header_from)
            .bind(8, request.subject)
            .bind(9, request.message_id)
            .bind(10, dump(rules_json(request.rules)))
            .bind(11, dump(findings_json(request.findings)))
            .bind(12, dump(attachments_json(request.attachments)))
            .bind(13, dump(strings_json(request.pupil_upns)))
            .bind(14, static_cast<std::int64_t>(request.raw_message.size()))
            .bind(15, blob->id)
            .bind(16, static_cast<std::int64_t>(blob->sealed_size))
            .bind(17, blob->sealed_hash_hex)
            .bind(18, notice_state_name(notice));
        CHAPERONE_TRY(insert->run());
        QuarantineId id = state_.db.last_insert_rowid();
        json rule_ids = json::array();
        for (const auto& r : request.rules) rule_ids.push_back(r.id);
        json details = {{"id", id},
                        {"rules", rule_ids},
                        {"pupils", strings_json(request.pupil_upns)},
                        {"findings", request.findings.size()},
                        {"blob_hash", blob->sealed_hash_hex},
                        {"fingerprint", request.fingerprint}};
        CHAPERONE_TRY(append_audit_locked(state_, milter_actor(), AuditEvent{"quarantine.hold", target_of(id), dump(details)}));
        CHAPERONE_TRY(tx->commit());
        return HoldResult{id, false, notice};
    }();
    // Not held (an error, or an identical message won the race): the new blob is not needed.
    if (!result || result->already_held) (void)blobs_.remove(blob->id);
    if (!result) return result.status().with_context("holding a message");
    return result;
}

Status SqliteQuarantineStore::set_notice(QuarantineId id, NoticeState notice, std::string_view detail) {
    std::lock_guard lock(state_.mutex);
    auto st = state_.db.prepare("UPDATE quarantine SET notice = ?, notice_detail = ? WHERE id = ?");
    CHAPERONE_TRY(st);
    st->bind(1, notice_state_name(notice)).bind(2, detail).bind(3, id);
    return st->run();
}

Result<std::vector<QuarantineEntry>> SqliteQuarantineStore::list(const QuarantineQuery& query, const Actor& actor) {
    std::vector<QuarantineEntry> out;
    {
        std::lock_guard lock(state_.mutex);
        std::string sql = std::string("SELECT ") + kColumns + " FROM quarantine";
        if (!query.states.empty()) {
            sql += " WHERE state IN (";
            for (std::size_t i = 0; i < query.states.size(); ++i) sql += i ? ", ?" : "?";
            sql += ")";
        }
        sql += " ORDER BY held_utc DESC, id DESC LIMIT ? OFFSET ?";
        auto st = state_.db.prepare(sql);
        CHAPERONE_TRY(st);
        int index = 1;
        for (QuarantineState s : query.states) st->bind(index++, quarantine_state_name(s));
        st->bind(index++, static_cast<std::int64_t>(std::min(query.limit, kMaxListed)));
        st->bind(index, static_cast<std::int64_t>(query.offset));
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            out.push_back(entry_from_row(*st));
        }
    }
    json states = json::array();
    for (QuarantineState s : query.states) states.push_back(std::string(quarantine_state_name(s)));
    json details = {{"entries", out.size()}, {"states", states}};
    CHAPERONE_TRY(append_audit(state_, actor, AuditEvent{"quarantine.list", "quarantine", dump(details)}));
    return out;
}

Result<QuarantineEntry> SqliteQuarantineStore::find_locked(QuarantineId id) {
    auto st = state_.db.prepare(std::string("SELECT ") + kColumns + " FROM quarantine WHERE id = ?");
    CHAPERONE_TRY(st);
    st->bind(1, id);
    auto row = st->step();
    CHAPERONE_TRY(row);
    if (!*row) return Status::error(Errc::not_found, fmt::format("no held message {}", id));
    return entry_from_row(*st);
}

Result<QuarantineEntry> SqliteQuarantineStore::find(QuarantineId id) {
    std::lock_guard lock(state_.mutex);
    return find_locked(id);
}

Result<QuarantineStore::Message> SqliteQuarantineStore::read(QuarantineId id, const Actor& actor) {
    CHAPERONE_TRY(need_secret_key());
    Message message;
    {
        std::lock_guard lock(state_.mutex);
        auto entry = find_locked(id);
        CHAPERONE_TRY(entry);
        message.entry = std::move(entry).value();
    }
    json details = {{"pupils", strings_json(message.entry.pupil_upns)},
                    {"state", std::string(quarantine_state_name(message.entry.state))}};
    CHAPERONE_TRY(append_audit(state_, actor, AuditEvent{"quarantine.show", target_of(id), dump(details)}));
    if (message.entry.blob_id.empty()) return message;
    auto raw = blobs_.read(message.entry.blob_id, state_.public_key, *state_.secret_key);
    if (!raw) return raw.status().with_context(fmt::format("held message {}", id));
    message.raw = std::move(raw).value();
    return message;
}

Result<ReleaseClaim> SqliteQuarantineStore::claim_release(QuarantineId id, const Actor& actor,
                                                         const std::string& reason, bool force_stuck) {
    CHAPERONE_TRY(need_secret_key());
    ReleaseClaim claim;
    {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto entry = find_locked(id);
        CHAPERONE_TRY(entry);
        QuarantineState from = force_stuck ? QuarantineState::releasing : QuarantineState::held;
        if (entry->state != from) {
            if (force_stuck) {
                return Status::error(Errc::conflict, fmt::format("held message {} is {}, not stuck in releasing", id,
                                                                 quarantine_state_name(entry->state)));
            }
            std::string hint = entry->state == QuarantineState::releasing
                                   ? " (a release is in progress, or died mid-send: see `chaperone quarantine show`)"
                                   : "";
            return Status::error(Errc::conflict, fmt::format("held message {} was already {}{}", id,
                                                             quarantine_state_name(entry->state), hint));
        }
        claim.token = crypto::random_hex(16);
        Timestamp now = now_utc();
        auto st = state_.db.prepare(
            "UPDATE quarantine SET state = 'releasing', claim_token = ?, decided_by = ?, decided_at = ?, "
            "decision_reason = ? WHERE id = ? AND state = ?");
        CHAPERONE_TRY(st);
        st->bind(1, claim.token)
            .bind(2, actor.name)
            .bind(3, format_iso8601(now))
            .bind(4, reason)
            .bind(5, id)
            .bind(6, quarantine_state_name(from));
        CHAPERONE_TRY(st->run());
        if (sqlite3_changes(state_.db.handle()) != 1)
            return Status::error(Errc::conflict, fmt::format("held message {} changed while claiming it", id));
        json details = {{"reason", reason}, {"force_stuck", force_stuck}, {"pupils", strings_json(entry->pupil_upns)}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"quarantine.release", target_of(id), dump(details)}));
        CHAPERONE_TRY(tx->commit());
        claim.entry = std::move(entry).value();
        claim.entry.state = QuarantineState::releasing;
        claim.entry.decided_by = actor.name;
        claim.entry.decided_at = now;
        claim.entry.decision_reason = reason;
    }
    auto raw = blobs_.read(claim.entry.blob_id, state_.public_key, *state_.secret_key);
    if (!raw) {
        // Nothing was sent: hand the entry back so it can be released once the blob is fixed.
        Status back = finish_release(id, claim.token, ReleaseOutcome::not_sent, actor, "the sealed message could not be read");
        (void)back;
        return raw.status().with_context(fmt::format("held message {}", id));
    }
    claim.raw_message = std::move(raw).value();
    return claim;
}

Status SqliteQuarantineStore::finish_release(QuarantineId id, const std::string& token, ReleaseOutcome outcome,
                                             const Actor& actor, std::string_view detail) {
    std::string blob_to_remove;
    {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto entry = find_locked(id);
        CHAPERONE_TRY(entry);
        const char* action = "quarantine.released";
        if (outcome == ReleaseOutcome::sent) {
            auto st = state_.db.prepare(
                "UPDATE quarantine SET state = 'released', claim_token = '', blob_id = '' "
                "WHERE id = ? AND state = 'releasing' AND claim_token = ?");
            CHAPERONE_TRY(st);
            st->bind(1, id).bind(2, token);
            CHAPERONE_TRY(st->run());
            blob_to_remove = entry->blob_id;
        } else if (outcome == ReleaseOutcome::not_sent) {
            action = "quarantine.release-failed";
            auto st = state_.db.prepare(
                "UPDATE quarantine SET state = 'held', claim_token = '' "
                "WHERE id = ? AND state = 'releasing' AND claim_token = ?");
            CHAPERONE_TRY(st);
            st->bind(1, id).bind(2, token);
            CHAPERONE_TRY(st->run());
        } else {
            // Nobody knows whether the relay took it: stay in releasing, keep the message.
            action = "quarantine.release-unknown";
            auto st = state_.db.prepare("SELECT 1 FROM quarantine WHERE id = ? AND claim_token = ?");
            CHAPERONE_TRY(st);
            st->bind(1, id).bind(2, token);
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) return Status::error(Errc::conflict, fmt::format("held message {}: the release claim was taken over", id));
        }
        if (outcome != ReleaseOutcome::unknown && sqlite3_changes(state_.db.handle()) != 1)
            return Status::error(Errc::conflict, fmt::format("held message {}: the release claim was taken over", id));
        json details = {{"detail", std::string(detail)}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{action, target_of(id), dump(details)}));
        CHAPERONE_TRY(tx->commit());
    }
    // After the commit: a crash here leaves an orphan file for sweep_orphans(), never a
    // released entry that could be sent again.
    if (!blob_to_remove.empty()) (void)blobs_.remove(blob_to_remove);
    return Status::ok();
}

Status SqliteQuarantineStore::discard(QuarantineId id, const Actor& actor, const std::string& reason) {
    std::string blob_to_remove;
    {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto entry = find_locked(id);
        CHAPERONE_TRY(entry);
        if (entry->state != QuarantineState::held) {
            return Status::error(Errc::conflict, fmt::format("held message {} was already {}", id,
                                                             quarantine_state_name(entry->state)));
        }
        auto st = state_.db.prepare(
            "UPDATE quarantine SET state = 'discarded', blob_id = '', decided_by = ?, decided_at = ?, "
            "decision_reason = ? WHERE id = ? AND state = 'held'");
        CHAPERONE_TRY(st);
        st->bind(1, actor.name).bind(2, format_iso8601(now_utc())).bind(3, reason).bind(4, id);
        CHAPERONE_TRY(st->run());
        if (sqlite3_changes(state_.db.handle()) != 1)
            return Status::error(Errc::conflict, fmt::format("held message {} changed while discarding it", id));
        json details = {{"reason", reason}, {"pupils", strings_json(entry->pupil_upns)},
                        {"rules", strings_json(entry->rule_ids())}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"quarantine.discard", target_of(id), dump(details)}));
        CHAPERONE_TRY(tx->commit());
        blob_to_remove = entry->blob_id;
    }
    if (!blob_to_remove.empty()) (void)blobs_.remove(blob_to_remove);
    return Status::ok();
}

Result<std::vector<ExpiryItem>> SqliteQuarantineStore::held_before_locked(std::int64_t cutoff_utc,
                                                                         std::int64_t not_before_utc, bool held_only,
                                                                         int retention_days) {
    std::string sql =
        "SELECT id, held_at, held_utc, state, rules, envelope_from FROM quarantine WHERE held_utc < ? AND held_utc >= ? ";
    sql += held_only ? "AND state = 'held' " : "AND state <> 'releasing' ";
    sql += "ORDER BY held_utc, id LIMIT ?";
    auto st = state_.db.prepare(sql);
    CHAPERONE_TRY(st);
    st->bind(1, cutoff_utc).bind(2, not_before_utc).bind(3, static_cast<std::int64_t>(kMaxListed));
    std::vector<ExpiryItem> out;
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        ExpiryItem item;
        item.id = st->int64(0);
        item.held_at = parse_iso8601(st->text(1)).value_or(Timestamp{st->int64(2), 0});
        item.expires_at = Timestamp{st->int64(2) + static_cast<std::int64_t>(retention_days) * 86400, 0};
        parse_quarantine_state(st->text(3), item.state);
        json rules = json::parse(st->text(4), nullptr, false);
        if (rules.is_array())
            for (const auto& r : rules)
                if (r.is_object()) item.rules.push_back(r.value("id", ""));
        item.envelope_from = st->text(5);
        out.push_back(std::move(item));
    }
    return out;
}

Result<std::vector<ExpiryItem>> SqliteQuarantineStore::expired(const Timestamp& now, int retention_days) {
    std::lock_guard lock(state_.mutex);
    std::int64_t cutoff = now.unix_seconds - static_cast<std::int64_t>(retention_days) * 86400;
    return held_before_locked(cutoff, std::numeric_limits<std::int64_t>::min(), false, retention_days);
}

Result<std::vector<ExpiryItem>> SqliteQuarantineStore::expiring(const Timestamp& now, int retention_days,
                                                               int within_days) {
    std::lock_guard lock(state_.mutex);
    std::int64_t expired_before = now.unix_seconds - static_cast<std::int64_t>(retention_days) * 86400;
    std::int64_t cutoff = expired_before + static_cast<std::int64_t>(within_days) * 86400;
    return held_before_locked(cutoff, expired_before, true, retention_days);
}

Result<std::size_t> SqliteQuarantineStore::expire(const std::vector<ExpiryItem>& items, const Actor& actor) {
    if (items.empty()) return std::size_t{0};
    std::vector<std::string> blob_ids;
    std::size_t deleted = 0;
    {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto find = state_.db.prepare("SELECT blob_id, state FROM quarantine WHERE id = ?");
        CHAPERONE_TRY(find);
        auto del = state_.db.prepare("DELETE FROM quarantine WHERE id = ? AND state <> 'releasing'");
        CHAPERONE_TRY(del);
        json expired = json::array();
        for (const auto& item : items) {
            find->reset();
            find->bind(1, item.id);
            auto row = find->step();
            CHAPERONE_TRY(row);
            if (!*row) continue;  // gone already
            std::string blob_id = find->text(0);
            std::string state = find->text(1);
            del->reset();
            del->bind(1, item.id);
            CHAPERONE_TRY(del->run());
            if (sqlite3_changes(state_.db.handle()) != 1) continue;
            if (!blob_id.empty()) blob_ids.push_back(blob_id);
            ++deleted;
            expired.push_back({{"id", item.id}, {"held", format_iso8601(item.held_at)}, {"state", state},
                               {"rules", strings_json(item.rules)}});
        }
        json details = {{"expired", expired}, {"count", deleted}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"quarantine.expire", "retention", dump(details)}));
        CHAPERONE_TRY(tx->commit());
    }
    for (const auto& id : blob_ids) (void)blobs_.remove(id);
    return deleted;
}

Result<std::size_t> SqliteQuarantineStore::sweep_orphans(std::chrono::seconds min_age, bool remove) {
    // Referenced ids first, then the files: a blob written in between looks like an orphan,
    // which is why only old ones are touched.
    std::set<std::string> referenced;
    {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("SELECT blob_id FROM quarantine WHERE blob_id <> ''");
        CHAPERONE_TRY(st);
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            referenced.insert(st->text(0));
        }
    }
    auto files = blobs_.list();
    CHAPERONE_TRY(files);
    auto cutoff = std::chrono::system_clock::now() - min_age;
    std::size_t found = 0;
    for (const auto& f : *files) {
        if (!f.temporary && referenced.count(f.id)) continue;
        if (f.modified >= cutoff) continue;
        ++found;
        if (remove) {
            std::error_code ec;
            std::filesystem::remove(f.path, ec);
        }
    }
    return found;
}

}  // namespace

std::unique_ptr<QuarantineStore> make_quarantine_store(StoreState& state) {
    return std::make_unique<SqliteQuarantineStore>(state);
}

}  // namespace chaperone::archive::sqlite
