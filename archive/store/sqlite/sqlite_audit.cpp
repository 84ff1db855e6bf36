// The audit log and the hash chain (ledger) in SQLite; see audit_log.h and sqlite_store.h.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <limits>
#include <map>
#include <set>

#include "archive/crypto/chain_link.h"
#include "archive/crypto/sodium_init.h"
#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

constexpr std::size_t kMaxAuditListing = 1'000'000;

std::string describe(std::string_view kind, std::int64_t ref_id) {
    if (kind == kKindCaseFile) return fmt::format("case-file entry {}", ref_id);
    if (kind == kKindAudit) return fmt::format("audit record {}", ref_id);
    return fmt::format("{} record {}", kind, ref_id);
}

// The rows of a "SELECT id, at, actor, channel, os_user, action, target, details" statement.
Result<std::vector<AuditRecord>> read_records(Statement& st) {
    std::vector<AuditRecord> out;
    for (;;) {
        auto row = st.step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        AuditRecord r;
        r.id = st.int64(0);
        r.at = parse_iso8601(st.text(1)).value_or(Timestamp{});
        r.actor = st.text(2);
        r.channel = st.text(3);
        r.os_user = st.text(4);
        r.action = st.text(5);
        r.target = st.text(6);
        r.details = st.text(7);
        out.push_back(std::move(r));
    }
    return out;
}

class SqliteAuditLog final : public AuditLog {
public:
    explicit SqliteAuditLog(StoreState& state) : state_(state) {}

    Result<std::int64_t> append(const Actor& actor, const AuditEvent& event) override {
        return append_audit(state_, actor, event);
    }

    Result<std::vector<AuditRecord>> list(std::int64_t after_id, std::size_t limit) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(
            "SELECT id, at, actor, channel, os_user, action, target, details FROM audit_log WHERE id > ? "
            "ORDER BY id LIMIT ?");
        CHAPERONE_TRY(st);
        st->bind(1, after_id).bind(2, static_cast<std::int64_t>(std::min(limit, kMaxAuditListing)));
        return read_records(*st);
    }

    // Newest first, for the web console's audit page (added with it).
    Result<std::vector<AuditRecord>> list_newest(std::int64_t before_id, std::size_t limit) override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(
            "SELECT id, at, actor, channel, os_user, action, target, details FROM audit_log WHERE id < ? "
            "ORDER BY id DESC LIMIT ?");
        CHAPERONE_TRY(st);
        st->bind(1, before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max())
            .bind(2, static_cast<std::int64_t>(std::min(limit, kMaxAuditListing)));
        return read_records(*st);
    }

    Result<ChainReport> verify_chain() override;

private:
    StoreState& state_;
};

// Ids of case-file entries that purge records (themselves in the chain) say were purged.
Result<std::set<std::int64_t>> purged_ids_locked(StoreState& state) {
    std::set<std::int64_t> out;
    auto st = state.db.prepare(
        "SELECT a.details FROM audit_log a JOIN ledger l ON l.kind = 'audit' AND l.ref_id = a.id "
        "WHERE a.action = 'archive.purge'");
    CHAPERONE_TRY(st);
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        auto details = nlohmann::json::parse(st->text(0), nullptr, false);
        if (!details.is_object() || !details.contains("purged") || !details["purged"].is_array()) continue;
        for (const auto& item : details["purged"]) {
            if (item.is_object() && item.contains("id") && item["id"].is_number_integer()) {
                out.insert(item["id"].get<std::int64_t>());
            }
        }
    }
    return out;
}

// The pupil links of every entry, to compare with the filing each entry's digest covers.
Result<std::map<std::int64_t, std::set<std::string>>> pupil_links_locked(StoreState& state) {
    std::map<std::int64_t, std::set<std::string>> out;
    auto st = state.db.prepare("SELECT entry_id, upn, basis FROM casefile_students");
    CHAPERONE_TRY(st);
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        out[st->int64(0)].insert(st->text(1) + "/" + st->text(2));
    }
    return out;
}

std::set<std::string> filing_links(const std::string& filing_json) {
    std::set<std::string> out;
    auto filing = nlohmann::json::parse(filing_json, nullptr, false);
    if (!filing.is_array()) return out;
    for (const auto& f : filing) {
        if (f.is_object() && f.contains("upn") && f.contains("basis") && f["upn"].is_string() && f["basis"].is_string()) {
            out.insert(f["upn"].get<std::string>() + "/" + f["basis"].get<std::string>());
        }
    }
    return out;
}

Result<std::set<std::int64_t>> ids_locked(StoreState& state, const char* sql) {
    std::set<std::int64_t> out;
    auto st = state.db.prepare(sql);
    CHAPERONE_TRY(st);
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        out.insert(st->int64(0));
    }
    return out;
}

Result<ChainReport> SqliteAuditLog::verify_chain() {
    std::lock_guard lock(state_.mutex);
    // A read transaction gives one consistent snapshot while the milter keeps appending.
    CHAPERONE_TRY(state_.db.exec("BEGIN"));
    struct EndRead {
        Database& db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } end_read{state_.db};

    ChainReport report;
    auto fail = [&](std::string problem) {
        report.ok = false;
        report.first_problem = std::move(problem);
        return report;
    };
    auto purged = purged_ids_locked(state_);
    CHAPERONE_TRY(purged);
    auto links = pupil_links_locked(state_);
    CHAPERONE_TRY(links);

    auto st = state_.db.prepare("SELECT seq, kind, ref_id, digest, link FROM ledger ORDER BY seq");
    CHAPERONE_TRY(st);
    std::string previous = crypto::genesis_link();
    std::int64_t expected_seq = 1;
    std::string previous_name = "the start of the chain";
    std::set<std::int64_t> chained_entries, chained_audit;
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        std::int64_t seq = st->int64(0);
        std::string kind = st->text(1);
        std::int64_t ref_id = st->int64(2);
        std::string stored_digest = st->blob(3);
        std::string stored_link = st->blob(4);
        std::string name = describe(kind, ref_id);
        std::string where = fmt::format("{} (chain position {})", name, seq);
        if (seq != expected_seq) {
            return fail(fmt::format("chain position {} is missing (a record was deleted) between {} and {}",
                                    expected_seq, previous_name, name));
        }
        std::string digest;
        if (kind == kKindCaseFile) {
            chained_entries.insert(ref_id);
            std::string blob_id, blob_hash, filing;
            std::int64_t blob_size = 0;
            auto d = casefile_entry_digest_locked(state_, ref_id, &blob_id, &blob_hash, &blob_size, &filing);
            if (!d && d.status().code() == Errc::not_found) {
                if (!purged->count(ref_id)) return fail(where + ": deleted without a purge record");
                digest = stored_digest;
                ++report.purged_entries;
            } else if (!d) {
                return d.status();
            } else {
                digest = *d;
                if (digest != stored_digest) return fail(where + ": its metadata was altered after it was recorded");
                auto fp = state_.blobs.fingerprint(blob_id);
                if (!fp) return fail(where + ": its message blob is missing or unreadable (" + fp.error_message() + ")");
                if (fp->sealed_hash_hex != blob_hash || static_cast<std::int64_t>(fp->sealed_size) != blob_size) {
                    return fail(where + ": its message blob was altered after it was recorded");
                }
                auto it = links->find(ref_id);
                std::set<std::string> stored_links = it == links->end() ? std::set<std::string>{} : it->second;
                if (stored_links != filing_links(filing)) {
                    return fail(where + ": the pupils it is filed to were changed after it was recorded");
                }
            }
            ++report.casefile_entries;
        } else if (kind == kKindAudit) {
            chained_audit.insert(ref_id);
            auto d = audit_record_digest_locked(state_, ref_id);
            if (!d && d.status().code() == Errc::not_found) return fail(where + ": deleted");
            CHAPERONE_TRY(d);
            digest = *d;
            if (digest != stored_digest) return fail(where + ": it was altered after it was written");
            ++report.audit_records;
        } else {
            return fail(where + ": unknown record kind");
        }
        std::string link = crypto::chain_link(*state_.chain_key, previous, seq, kind, ref_id, digest);
        if (link != stored_link) {
            return fail(where + ": chain link does not match (records reordered, inserted or forged)");
        }
        previous = link;
        previous_name = name;
        ++expected_seq;
        ++report.records;
    }
    auto entries = ids_locked(state_, "SELECT id FROM casefile_entries ORDER BY id");
    CHAPERONE_TRY(entries);
    for (auto id : *entries) {
        if (!chained_entries.count(id)) return fail(describe(kKindCaseFile, id) + ": not in the chain (inserted outside Chaperone)");
    }
    auto audits = ids_locked(state_, "SELECT id FROM audit_log ORDER BY id");
    CHAPERONE_TRY(audits);
    for (auto id : *audits) {
        if (!chained_audit.count(id)) return fail(describe(kKindAudit, id) + ": not in the chain (inserted outside Chaperone)");
    }
    report.head_link_hex = crypto::hex(previous);
    return report;
}

}  // namespace

Status append_ledger_locked(StoreState& state, std::string_view kind, std::int64_t ref_id, std::string_view digest) {
    auto last = state.db.prepare("SELECT seq, link FROM ledger ORDER BY seq DESC LIMIT 1");
    CHAPERONE_TRY(last);
    auto row = last->step();
    CHAPERONE_TRY(row);
    std::int64_t seq = 1;
    std::string previous = crypto::genesis_link();
    if (*row) {
        seq = last->int64(0) + 1;
        previous = last->blob(1);
    }
    std::string link = crypto::chain_link(*state.chain_key, previous, seq, kind, ref_id, digest);
    auto insert = state.db.prepare("INSERT INTO ledger (seq, kind, ref_id, digest, link) VALUES (?, ?, ?, ?, ?)");
    CHAPERONE_TRY(insert);
    insert->bind(1, seq).bind(2, kind).bind(3, ref_id).bind_blob(4, digest).bind_blob(5, link);
    return insert->run();
}

Result<std::string> audit_record_digest_locked(StoreState& state, std::int64_t id) {
    auto st = state.db.prepare(
        "SELECT id, at, actor, channel, os_user, action, target, details FROM audit_log WHERE id = ?");
    CHAPERONE_TRY(st);
    st->bind(1, id);
    auto row = st->step();
    CHAPERONE_TRY(row);
    if (!*row) return Status::error(Errc::not_found, fmt::format("no audit record {}", id));
    static const char* kNames[] = {"id", "at", "actor", "channel", "os_user", "action", "target", "details"};
    std::vector<std::string> values;
    for (int i = 0; i < 8; ++i) values.push_back(st->text(i));
    crypto::CanonicalFields fields;
    fields.emplace_back("record", "audit/1");
    for (int i = 0; i < 8; ++i) fields.emplace_back(kNames[i], values[static_cast<std::size_t>(i)]);
    return crypto::blake2b256(crypto::canonical_record(fields));
}

Result<std::int64_t> append_audit_locked(StoreState& state, const Actor& actor, const AuditEvent& event) {
    auto st = state.db.prepare(
        "INSERT INTO audit_log (at, actor, channel, os_user, action, target, details) VALUES (?, ?, ?, ?, ?, ?, ?)");
    CHAPERONE_TRY(st);
    st->bind(1, format_iso8601(now_utc()))
        .bind(2, actor.name)
        .bind(3, actor.channel)
        .bind(4, state.os_user)
        .bind(5, event.action)
        .bind(6, event.target)
        .bind(7, event.details.empty() ? std::string("{}") : event.details);
    CHAPERONE_TRY(st->run());
    std::int64_t id = state.db.last_insert_rowid();
    auto digest = audit_record_digest_locked(state, id);
    CHAPERONE_TRY(digest);
    CHAPERONE_TRY(append_ledger_locked(state, kKindAudit, id, *digest));
    return id;
}

Result<std::int64_t> append_audit(StoreState& state, const Actor& actor, const AuditEvent& event) {
    std::lock_guard lock(state.mutex);
    auto tx = Transaction::begin(state.db);
    if (!tx) return tx.status().with_context("writing the audit log");
    auto id = append_audit_locked(state, actor, event);
    if (!id) return id.status().with_context("writing the audit log");
    if (auto s = tx->commit(); !s) return s.with_context("writing the audit log");
    return id;
}

std::unique_ptr<AuditLog> make_audit_log(StoreState& state) { return std::make_unique<SqliteAuditLog>(state); }

}  // namespace chaperone::archive::sqlite
