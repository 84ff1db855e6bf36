// The roster in SQLite; see roster_store.h.
#include <nlohmann/json.hpp>

#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

class SqliteRosterStore final : public RosterStore {
public:
    explicit SqliteRosterStore(StoreState& state) : state_(state) {}

    Result<std::uint64_t> roster_version() override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("SELECT version FROM roster_meta WHERE id = 1");
        CHAPERONE_TRY(st);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::internal, "roster_meta row missing");
        return static_cast<std::uint64_t>(st->int64(0));
    }

    Result<RosterInfo> roster_info() override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("SELECT version, imported_at, pupils, contacts, staff FROM roster_meta WHERE id = 1");
        CHAPERONE_TRY(st);
        auto row = st->step();
        CHAPERONE_TRY(row);
        if (!*row) return Status::error(Errc::internal, "roster_meta row missing");
        RosterInfo info;
        info.version = static_cast<std::uint64_t>(st->int64(0));
        info.imported_at = st->text(1);
        info.pupils = static_cast<std::size_t>(st->int64(2));
        info.contacts = static_cast<std::size_t>(st->int64(3));
        info.staff = static_cast<std::size_t>(st->int64(4));
        return info;
    }

    Result<pii::Roster> load_roster() override {
        std::lock_guard lock(state_.mutex);
        // One read transaction: the three tables and the version come from the same import.
        CHAPERONE_TRY(state_.db.exec("BEGIN"));
        struct EndRead {
            Database& db;
            ~EndRead() { (void)db.exec("COMMIT"); }
        } end{state_.db};
        pii::Roster roster;
        {
            auto st = state_.db.prepare(
                "SELECT upn, forename, surname, dob, year_group, address_line1, town, postcode FROM pupils ORDER BY upn");
            CHAPERONE_TRY(st);
            for (;;) {
                auto row = st->step();
                CHAPERONE_TRY(row);
                if (!*row) break;
                roster.pupils.push_back(pii::Pupil{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4),
                                                   st->text(5), st->text(6), st->text(7)});
            }
        }
        {
            auto st = state_.db.prepare("SELECT upn, contact_name, relationship, email, phone FROM contacts ORDER BY id");
            CHAPERONE_TRY(st);
            for (;;) {
                auto row = st->step();
                CHAPERONE_TRY(row);
                if (!*row) break;
                roster.contacts.push_back(pii::Contact{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4)});
            }
        }
        {
            auto st = state_.db.prepare("SELECT name, email FROM staff ORDER BY id");
            CHAPERONE_TRY(st);
            for (;;) {
                auto row = st->step();
                CHAPERONE_TRY(row);
                if (!*row) break;
                roster.staff.push_back(pii::StaffMember{st->text(0), st->text(1)});
            }
        }
        auto st = state_.db.prepare("SELECT version FROM roster_meta WHERE id = 1");
        CHAPERONE_TRY(st);
        auto row = st->step();
        CHAPERONE_TRY(row);
        roster.version = *row ? static_cast<std::uint64_t>(st->int64(0)) : 0;
        return roster;
    }

    Result<std::uint64_t> replace_roster(const pii::Roster& roster, const Actor& actor) override {
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        for (const char* sql : {"DELETE FROM contacts", "DELETE FROM pupils", "DELETE FROM staff"}) {
            auto st = state_.db.prepare(sql);
            CHAPERONE_TRY(st);
            CHAPERONE_TRY(st->run());
        }
        {
            auto st = state_.db.prepare(
                "INSERT INTO pupils (upn, forename, surname, dob, year_group, address_line1, town, postcode) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            CHAPERONE_TRY(st);
            for (const auto& p : roster.pupils) {
                st->reset();
                st->bind(1, p.upn).bind(2, p.forename).bind(3, p.surname).bind(4, p.dob).bind(5, p.year_group);
                st->bind(6, p.address_line1).bind(7, p.town).bind(8, p.postcode);
                CHAPERONE_TRY(st->run());
            }
        }
        {
            auto st = state_.db.prepare(
                "INSERT INTO contacts (upn, contact_name, relationship, email, phone) VALUES (?, ?, ?, ?, ?)");
            CHAPERONE_TRY(st);
            for (const auto& c : roster.contacts) {
                st->reset();
                st->bind(1, c.upn).bind(2, c.contact_name).bind(3, c.relationship).bind(4, c.email).bind(5, c.phone);
                CHAPERONE_TRY(st->run());
            }
        }
        {
            auto st = state_.db.prepare("INSERT INTO staff (name, email) VALUES (?, ?)");
            CHAPERONE_TRY(st);
            for (const auto& s : roster.staff) {
                st->reset();
                st->bind(1, s.name).bind(2, s.email);
                CHAPERONE_TRY(st->run());
            }
        }
        auto meta = state_.db.prepare(
            "UPDATE roster_meta SET version = version + 1, imported_at = ?, pupils = ?, contacts = ?, staff = ? "
            "WHERE id = 1 RETURNING version");
        CHAPERONE_TRY(meta);
        meta->bind(1, format_iso8601(now_utc()))
            .bind(2, static_cast<std::int64_t>(roster.pupils.size()))
            .bind(3, static_cast<std::int64_t>(roster.contacts.size()))
            .bind(4, static_cast<std::int64_t>(roster.staff.size()));
        auto row = meta->step();
        CHAPERONE_TRY(row);
        auto version = static_cast<std::uint64_t>(meta->int64(0));
        CHAPERONE_TRY(meta->run());
        nlohmann::json details = {{"version", version},
                                  {"pupils", roster.pupils.size()},
                                  {"contacts", roster.contacts.size()},
                                  {"staff", roster.staff.size()}};
        CHAPERONE_TRY(append_audit_locked(state_, actor, AuditEvent{"roster.import", "roster", details.dump()}));
        CHAPERONE_TRY(tx->commit());
        return version;
    }

private:
    StoreState& state_;
};

}  // namespace

std::unique_ptr<RosterStore> make_roster_store(StoreState& state) { return std::make_unique<SqliteRosterStore>(state); }

}  // namespace chaperone::archive::sqlite
