// Case files in SQLite: record, list, read, purge; see casefile_store.h.
#include <glib.h>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "archive/casefile/filing_rule.h"
#include "archive/casefile/text_util.h"
#include "archive/crypto/chain_link.h"
#include "archive/crypto/sodium_init.h"
#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxStudentsListed = 100'000;
// Up to this many matching pupils, their entries are counted one lookup each.
constexpr std::size_t kCountOneByOneUpTo = 200;
constexpr std::size_t kMaxAddressesPerEntry = 1000;

constexpr const char* kEntryColumns =
    "e.id, e.direction, e.sent_at, e.sent_utc, e.recorded_at, e.envelope_from, e.envelope_to, e.header_from, "
    "e.header_to, e.header_cc, e.subject, e.message_id, e.attachments, e.contacts, e.filing, e.message_size, "
    "e.blob_id, e.blob_size, e.blob_hash";
constexpr const char* kEntryColumnNames[] = {"id",          "direction",    "sent_at",     "sent_utc",   "recorded_at",
                                             "envelope_from", "envelope_to", "header_from", "header_to",  "header_cc",
                                             "subject",     "message_id",   "attachments", "contacts",   "filing",
                                             "message_size", "blob_id",     "blob_size",   "blob_hash"};
constexpr int kEntryColumnCount = 19;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json string_array(const std::vector<std::string>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back(v);
    return out;
}

std::vector<std::string> parse_string_array(const std::string& text) {
    std::vector<std::string> out;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

EntrySummary entry_from_row(const Statement& st) {
    EntrySummary e;
    e.id = st.int64(0);
    e.direction = st.text(1) == "in" ? Direction::in : Direction::out;
    e.sent_at = parse_iso8601(st.text(2)).value_or(Timestamp{st.int64(3), 0});
    e.recorded_at = parse_iso8601(st.text(4)).value_or(Timestamp{});
    e.envelope_from = st.text(5);
    e.envelope_to = parse_string_array(st.text(6));
    e.header_from = st.text(7);
    e.header_to = parse_string_array(st.text(8));
    e.header_cc = parse_string_array(st.text(9));
    e.subject = st.text(10);
    e.message_id = st.text(11);
    auto attachments = json::parse(st.text(12), nullptr, false);
    if (attachments.is_array()) {
        for (const auto& a : attachments) {
            if (!a.is_object()) continue;
            AttachmentInfo info;
            info.name = a.value("name", "");
            info.type = a.value("type", "");
            info.size = a.value("size", std::uint64_t{0});
            info.sha256 = a.value("sha256", "");
            e.attachments.push_back(std::move(info));
        }
    }
    e.contacts = parse_string_array(st.text(13));
    auto filing = json::parse(st.text(14), nullptr, false);
    if (filing.is_array()) {
        for (const auto& f : filing) {
            if (!f.is_object()) continue;
            FiledPupil p;
            p.upn = f.value("upn", "");
            parse_basis(f.value("basis", ""), p.basis);
            e.students.push_back(std::move(p));
        }
    }
    e.message_size = static_cast<std::uint64_t>(st.int64(15));
    e.blob_id = st.text(16);
    return e;
}

// "YYYY-MM-DD" + years, with 29 February becoming 1 March in a common year.
std::string add_years(const std::string& dob, int years) {
    auto t = parse_iso8601(dob);
    if (!t || dob.size() != 10) return {};
    int y = std::stoi(dob.substr(0, 4)) + years;
    int m = std::stoi(dob.substr(5, 2));
    int d = std::stoi(dob.substr(8, 2));
    if (!valid_civil_date(y, m, d)) {
        m = 3;
        d = 1;
    }
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string casefold(std::string_view s) {
    gchar* folded = g_utf8_casefold(s.data(), static_cast<gssize>(s.size()));
    std::string out(folded ? folded : "");
    g_free(folded);
    return out;
}

class SqliteCaseFileStore final : public CaseFileStore {
public:
    explicit SqliteCaseFileStore(StoreState& state) : state_(state) {}

    Result<RecordedEntry> record(const Correspondence& c) override;
    Result<std::vector<StudentSummary>> find_students(const std::string& search, const Actor& actor) override;
    Result<std::vector<EntrySummary>> list_entries(const EntryQuery& query, const Actor& actor) override;
    Result<Message> read_entry(EntryId id, const Actor& actor) override;
    Status read_entries(const std::vector<EntrySummary>& entries, const Actor& actor, const AuditEvent& event,
                        const MessageFn& each) override;
    Result<std::vector<PurgeCandidate>> purge_candidates(const Timestamp& now, int retention_years) override;
    Result<std::size_t> purge(const std::vector<PurgeCandidate>& candidates, const Actor& actor) override;

private:
    Result<RecordedEntry> insert_locked(const Correspondence& c, const BlobRef& blob);
    Result<std::vector<EntrySummary>> query_locked(const EntryQuery& query);
    Status need_secret_key() const {
        if (state_.secret_key) return Status::ok();
        return Status::error(Errc::permission, "reading stored messages needs the archive secret key (a reader store)");
    }
    StoreState& state_;
};

Result<RecordedEntry> SqliteCaseFileStore::record(const Correspondence& c) {
    if (c.raw_message.empty()) return Status::error(Errc::invalid_input, "recording correspondence: empty message");
    // The slow part (encryption, fsync) happens before taking the lock.
    auto blob = state_.blobs.write(c.raw_message, state_.public_key);
    CHAPERONE_TRY(blob);
    auto entry = [&]() -> Result<RecordedEntry> {
        std::lock_guard lock(state_.mutex);
        return insert_locked(c, *blob);
    }();
    if (!entry) {
        (void)state_.blobs.remove(blob->id);  // best effort; fsck finds it otherwise
        return entry.status().with_context("recording correspondence");
    }
    return entry;
}

Result<RecordedEntry> SqliteCaseFileStore::insert_locked(const Correspondence& c, const BlobRef& blob) {
    auto tx = Transaction::begin(state_.db);
    CHAPERONE_TRY(tx);

    // The filing rule, against the roster as it is in this transaction.
    std::vector<std::string> contact_emails;
    for (const auto& e : c.contact_emails) contact_emails.push_back(ascii_lower(trim(e)));
    std::vector<ContactChildren> children;
    {
        auto st = state_.db.prepare("SELECT DISTINCT upn FROM contacts WHERE email = ? ORDER BY upn");
        CHAPERONE_TRY(st);
        for (const auto& email : contact_emails) {
            ContactChildren cc{email, {}};
            st->reset();
            st->bind(1, email);
            for (;;) {
                auto row = st->step();
                CHAPERONE_TRY(row);
                if (!*row) break;
                cc.children.push_back(st->text(0));
            }
            children.push_back(std::move(cc));
        }
    }
    std::vector<FiledPupil> filed = decide_filing(children, c.named_upns);

    json attachments = json::array();
    for (const auto& a : c.attachments) {
        attachments.push_back({{"name", a.name}, {"type", a.type}, {"size", a.size}, {"sha256", a.sha256}});
    }
    json filing = json::array();
    for (const auto& f : filed) filing.push_back({{"upn", f.upn}, {"basis", std::string(basis_name(f.basis))}});

    auto insert = state_.db.prepare(
        "INSERT INTO casefile_entries (direction, sent_at, sent_utc, recorded_at, envelope_from, envelope_to, "
        "header_from, header_to, header_cc, subject, message_id, attachments, contacts, filing, message_size, "
        "blob_id, blob_size, blob_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    CHAPERONE_TRY(insert);
    insert->bind(1, direction_name(c.direction))
        .bind(2, format_iso8601(c.sent_at))
        .bind(3, c.sent_at.unix_seconds)
        .bind(4, format_iso8601(c.recorded_at))
        .bind(5, ascii_lower(c.envelope_from))
        .bind(6, dump(string_array(c.envelope_to)))
        .bind(7, c.header_from)
        .bind(8, dump(string_array(c.header_to)))
        .bind(9, dump(string_array(c.header_cc)))
        .bind(10, c.subject)
        .bind(11, c.message_id)
        .bind(12, dump(attachments))
        .bind(13, dump(string_array(contact_emails)))
        .bind(14, dump(filing))
        .bind(15, static_cast<std::int64_t>(c.raw_message.size()))
        .bind(16, blob.id)
        .bind(17, static_cast<std::int64_t>(blob.sealed_size))
        .bind(18, blob.sealed_hash_hex);
    CHAPERONE_TRY(insert->run());
    EntryId id = state_.db.last_insert_rowid();

    {
        auto link = state_.db.prepare("INSERT INTO casefile_students (upn, entry_id, basis) VALUES (?, ?, ?)");
        CHAPERONE_TRY(link);
        // Keep who the pupil was at the time: the case file outlives their roster row.
        auto snapshot = state_.db.prepare(
            "INSERT INTO casefile_pupils (upn, forename, surname, dob, year_group) "
            "SELECT upn, forename, surname, dob, year_group FROM pupils WHERE upn = ?1 "
            "ON CONFLICT(upn) DO UPDATE SET forename = excluded.forename, surname = excluded.surname, "
            "dob = excluded.dob, year_group = excluded.year_group");
        CHAPERONE_TRY(snapshot);
        for (const auto& f : filed) {
            link->reset();
            link->bind(1, f.upn).bind(2, id).bind(3, basis_name(f.basis));
            CHAPERONE_TRY(link->run());
            snapshot->reset();
            snapshot->bind(1, f.upn);
            CHAPERONE_TRY(snapshot->run());
        }
    }
    {
        std::set<std::string> addresses;
        auto add = [&](std::string_view a) {
            std::string bare = bare_address(a);
            if (!bare.empty() && addresses.size() < kMaxAddressesPerEntry) addresses.insert(bare);
        };
        add(c.envelope_from);
        add(c.header_from);
        for (const auto& a : c.envelope_to) add(a);
        for (const auto& a : c.header_to) add(a);
        for (const auto& a : c.header_cc) add(a);
        for (const auto& a : contact_emails) add(a);
        auto st = state_.db.prepare("INSERT INTO casefile_addresses (address, entry_id) VALUES (?, ?)");
        CHAPERONE_TRY(st);
        for (const auto& a : addresses) {
            st->reset();
            st->bind(1, a).bind(2, id);
            CHAPERONE_TRY(st->run());
        }
    }
    auto digest = casefile_entry_digest_locked(state_, id, nullptr, nullptr, nullptr, nullptr);
    CHAPERONE_TRY(digest);
    CHAPERONE_TRY(append_ledger_locked(state_, kKindCaseFile, id, *digest));
    CHAPERONE_TRY(tx->commit());
    return RecordedEntry{id, std::move(filed), blob.id};
}

Result<std::vector<StudentSummary>> SqliteCaseFileStore::find_students(const std::string& search, const Actor& actor) {
    // Pupils first (a few thousand rows), matched here (case folding that SQL's LIKE lacks
    // for names like "Zoë"); entries are counted for the matches only, so a search does not
    // walk every case-file link while it holds the store.
    std::vector<StudentSummary> all;
    {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(
            "SELECT upn, forename, surname, year_group, dob, 1 FROM pupils "
            "UNION ALL "
            "SELECT upn, forename, surname, year_group, dob, 0 FROM casefile_pupils WHERE upn NOT IN (SELECT upn FROM pupils) "
            "ORDER BY 3, 2, 1 LIMIT ?");
        CHAPERONE_TRY(st);
        st->bind(1, static_cast<std::int64_t>(kMaxStudentsListed));
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            all.push_back(StudentSummary{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4),
                                         st->int64(5) != 0, 0});
        }
    }
    std::vector<StudentSummary> out;
    std::string needle = casefold(trim(search));
    for (auto& s : all) {
        if (needle.empty() || casefold(s.upn).find(needle) != std::string::npos ||
            casefold(s.forename + " " + s.surname).find(needle) != std::string::npos ||
            casefold(s.surname + ", " + s.forename).find(needle) != std::string::npos ||
            casefold(s.year_group).find(needle) != std::string::npos) {
            out.push_back(std::move(s));
        }
    }
    {
        std::lock_guard lock(state_.mutex);
        if (out.size() > kCountOneByOneUpTo) {
            // Many matches: one pass over the links beats a lookup per pupil.
            std::map<std::string, std::int64_t> counts;
            auto st = state_.db.prepare("SELECT upn, COUNT(*) FROM casefile_students GROUP BY upn");
            CHAPERONE_TRY(st);
            for (;;) {
                auto row = st->step();
                CHAPERONE_TRY(row);
                if (!*row) break;
                counts[st->text(0)] = st->int64(1);
            }
            for (auto& s : out) {
                auto it = counts.find(s.upn);
                s.entries = it == counts.end() ? 0 : it->second;
            }
        } else {
            auto st = state_.db.prepare("SELECT COUNT(*) FROM casefile_students WHERE upn = ?");
            CHAPERONE_TRY(st);
            for (auto& s : out) {
                st->reset();
                st->bind(1, s.upn);
                auto row = st->step();
                CHAPERONE_TRY(row);
                s.entries = *row ? st->int64(0) : 0;
            }
        }
    }
    // The search text may be a name: it is not recorded, only that a search was made.
    json details = {{"search", !needle.empty()}, {"results", out.size()}};
    CHAPERONE_TRY(append_audit(state_, actor, AuditEvent{"archive.students", "students", details.dump()}));
    return out;
}

Result<std::vector<EntrySummary>> SqliteCaseFileStore::query_locked(const EntryQuery& query) {
    std::string sql = std::string("SELECT ") + kEntryColumns + " FROM casefile_entries e ";
    std::string key;
    if (!query.student_upn.empty()) {
        sql += "JOIN casefile_students k ON k.entry_id = e.id WHERE k.upn = ?1 ";
        key = query.student_upn;
    } else if (!query.contact_email.empty()) {
        sql += "JOIN casefile_addresses k ON k.entry_id = e.id WHERE k.address = ?1 ";
        key = bare_address(query.contact_email);
    } else {
        return Status::error(Errc::invalid_input, "listing case files needs a student or a contact");
    }
    sql += "AND e.sent_utc >= ?2 AND e.sent_utc <= ?3 ORDER BY e.sent_utc, e.id LIMIT ?4";
    auto st = state_.db.prepare(sql);
    CHAPERONE_TRY(st);
    st->bind(1, key)
        .bind(2, query.from ? query.from->unix_seconds : std::numeric_limits<std::int64_t>::min())
        .bind(3, query.to ? query.to->unix_seconds : std::numeric_limits<std::int64_t>::max())
        .bind(4, static_cast<std::int64_t>(query.limit));
    std::vector<EntrySummary> out;
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        out.push_back(entry_from_row(*st));
    }
    return out;
}

Result<std::vector<EntrySummary>> SqliteCaseFileStore::list_entries(const EntryQuery& query, const Actor& actor) {
    Result<std::vector<EntrySummary>> entries = Status::error(Errc::internal, "unset");
    {
        std::lock_guard lock(state_.mutex);
        entries = query_locked(query);
    }
    CHAPERONE_TRY(entries);
    json details = {{"entries", entries->size()}};
    if (query.from) details["from"] = format_iso8601(*query.from);
    if (query.to) details["to"] = format_iso8601(*query.to);
    std::string target = query.student_upn.empty() ? "contact" : "student " + query.student_upn;
    CHAPERONE_TRY(append_audit(state_, actor, AuditEvent{"archive.list", target, details.dump()}));
    return entries;
}

Result<CaseFileStore::Message> SqliteCaseFileStore::read_entry(EntryId id, const Actor& actor) {
    CHAPERONE_TRY(need_secret_key());
    Message message;
    {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare(std::string("SELECT ") + kEntryColumns + " FROM casefile_entries e WHERE e.id = ?");
        CHAPERONE_TRY(st);
        st->bind(1, id);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::not_found, fmt::format("no case-file entry {}", id));
        message.entry = entry_from_row(*st);
    }
    json upns = json::array();
    for (const auto& s : message.entry.students) upns.push_back(s.upn);
    json details = {{"students", upns}};
    CHAPERONE_TRY(append_audit(state_, actor, AuditEvent{"archive.show", fmt::format("entry {}", id), details.dump()}));
    auto raw = state_.blobs.read(message.entry.blob_id, state_.public_key, *state_.secret_key);
    if (!raw) return raw.status().with_context(fmt::format("case-file entry {}", id));
    message.raw = std::move(raw).value();
    return message;
}

Status SqliteCaseFileStore::read_entries(const std::vector<EntrySummary>& entries, const Actor& actor,
                                         const AuditEvent& event, const MessageFn& each) {
    CHAPERONE_TRY(need_secret_key());
    CHAPERONE_TRY(append_audit(state_, actor, event));
    for (const auto& entry : entries) {
        auto raw = state_.blobs.read(entry.blob_id, state_.public_key, *state_.secret_key);
        if (!raw) return raw.status().with_context(fmt::format("case-file entry {}", entry.id));
        CHAPERONE_TRY(each(entry, *raw));
    }
    return Status::ok();
}

Result<std::vector<PurgeCandidate>> SqliteCaseFileStore::purge_candidates(const Timestamp& now, int retention_years) {
    std::lock_guard lock(state_.mutex);
    auto st = state_.db.prepare(
        "SELECT e.id, e.sent_at, s.upn, p.dob FROM casefile_entries e "
        "JOIN casefile_students s ON s.entry_id = e.id LEFT JOIN casefile_pupils p ON p.upn = s.upn "
        "ORDER BY e.sent_utc, e.id, s.upn");
    CHAPERONE_TRY(st);
    std::string today = format_date(Timestamp{now.unix_seconds, 0});
    std::vector<PurgeCandidate> out;
    std::map<EntryId, std::size_t> index;
    std::set<EntryId> keep;
    for (;;) {
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) break;
        EntryId id = st->int64(0);
        std::string until = st->is_null(3) ? std::string() : add_years(st->text(3), retention_years);
        if (until.empty() || !(today > until)) keep.insert(id);
        auto [it, inserted] = index.emplace(id, out.size());
        if (inserted) {
            out.push_back(PurgeCandidate{id, parse_iso8601(st->text(1)).value_or(Timestamp{}), {}, until});
        }
        PurgeCandidate& c = out[it->second];
        c.upns.push_back(st->text(2));
        if (until > c.retain_until) c.retain_until = until;
    }
    std::vector<PurgeCandidate> due;
    for (auto& c : out) {
        if (!keep.count(c.id)) due.push_back(std::move(c));
    }
    return due;
}

Result<std::size_t> SqliteCaseFileStore::purge(const std::vector<PurgeCandidate>& candidates, const Actor& actor) {
    if (candidates.empty()) return std::size_t{0};
    std::vector<std::string> blob_ids;
    {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto find = state_.db.prepare("SELECT blob_id FROM casefile_entries WHERE id = ?");
        CHAPERONE_TRY(find);
        auto del = state_.db.prepare("DELETE FROM casefile_entries WHERE id = ?");
        CHAPERONE_TRY(del);
        json purged = json::array();
        for (const auto& c : candidates) {
            find->reset();
            find->bind(1, c.id);
            auto row = find->step();
            CHAPERONE_TRY(row);
            if (!*row) continue;  // gone already (a concurrent purge)
            blob_ids.push_back(find->text(0));
            del->reset();
            del->bind(1, c.id);
            CHAPERONE_TRY(del->run());
            purged.push_back({{"id", c.id}, {"sent", format_iso8601(c.sent_at)}, {"upns", string_array(c.upns)}});
        }
        // Former pupils whose case file is now empty leave no trace of name or dob.
        auto forget = state_.db.prepare(
            "DELETE FROM casefile_pupils WHERE upn NOT IN (SELECT upn FROM casefile_students)");
        CHAPERONE_TRY(forget);
        CHAPERONE_TRY(forget->run());
        json details = {{"purged", purged}, {"count", purged.size()}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"archive.purge", "retention", dump(details)}));
        CHAPERONE_TRY(tx->commit());
    }
    // Blobs go after the commit: a crash here leaves orphans for fsck, never a row without its blob.
    for (const auto& id : blob_ids) (void)state_.blobs.remove(id);
    return blob_ids.size();
}

}  // namespace

Result<std::string> casefile_entry_digest_locked(StoreState& state, std::int64_t id, std::string* blob_id,
                                                 std::string* blob_hash, std::int64_t* blob_size,
                                                 std::string* filing_json) {
    auto st = state.db.prepare(std::string("SELECT ") + kEntryColumns + " FROM casefile_entries e WHERE e.id = ?");
    CHAPERONE_TRY(st);
    st->bind(1, id);
    auto row = st->step();
    CHAPERONE_TRY(row);
    if (!*row) return Status::error(Errc::not_found, fmt::format("no case-file entry {}", id));
    std::vector<std::string> values;
    values.reserve(kEntryColumnCount);
    for (int i = 0; i < kEntryColumnCount; ++i) values.push_back(st->text(i));
    crypto::CanonicalFields fields;
    fields.emplace_back("record", "casefile/1");
    for (int i = 0; i < kEntryColumnCount; ++i) fields.emplace_back(kEntryColumnNames[i], values[static_cast<std::size_t>(i)]);
    if (blob_id) *blob_id = values[16];
    if (blob_size) *blob_size = st->int64(17);
    if (blob_hash) *blob_hash = values[18];
    if (filing_json) *filing_json = values[14];
    return crypto::blake2b256(crypto::canonical_record(fields));
}

std::unique_ptr<CaseFileStore> make_casefile_store(StoreState& state) {
    return std::make_unique<SqliteCaseFileStore>(state);
}

}  // namespace chaperone::archive::sqlite
