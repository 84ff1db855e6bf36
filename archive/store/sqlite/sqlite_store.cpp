// Opening the SQLite store, and fsck; see store.h and sqlite_store.h.
#include "archive/store/sqlite/sqlite_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "archive/audit/actor.h"
#include "archive/store/sqlite/schema.h"
#include "archive/store/status_macros.h"
#include "pii/base/log.h"

namespace chaperone::archive {
namespace sqlite {
namespace {

class SqliteStore final : public Store {
public:
    explicit SqliteStore(std::unique_ptr<StoreState> state)
        : state_(std::move(state)),
          roster_(make_roster_store(*state_)),
          casefiles_(make_casefile_store(*state_)),
          audit_(make_audit_log(*state_)),
          users_(make_user_store(*state_)),
          counters_(make_counter_store(*state_)),
          quarantine_(make_quarantine_store(*state_)) {}

    RosterStore& roster() override { return *roster_; }
    CaseFileStore& casefiles() override { return *casefiles_; }
    AuditLog& audit() override { return *audit_; }
    UserStore& users() override { return *users_; }
    CounterStore& counters() override { return *counters_; }
    QuarantineStore& quarantine() override { return *quarantine_; }
    Result<FsckReport> fsck(bool remove, std::chrono::seconds min_age) override;

private:
    std::unique_ptr<StoreState> state_;
    std::unique_ptr<RosterStore> roster_;
    std::unique_ptr<CaseFileStore> casefiles_;
    std::unique_ptr<AuditLog> audit_;
    std::unique_ptr<UserStore> users_;
    std::unique_ptr<CounterStore> counters_;
    std::unique_ptr<QuarantineStore> quarantine_;
};

Result<FsckReport> SqliteStore::fsck(bool remove, std::chrono::seconds min_age) {
    FsckReport report;
    // Referenced ids first, then the files: a blob written in between looks like an orphan,
    // which is why only orphans older than min_age are ever removed.
    std::set<std::string> referenced;
    std::vector<std::pair<std::int64_t, std::string>> rows;
    {
        std::lock_guard lock(state_->mutex);
        auto st = state_->db.prepare("SELECT id, blob_id FROM casefile_entries ORDER BY id");
        CHAPERONE_TRY(st);
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            rows.emplace_back(st->int64(0), st->text(1));
            referenced.insert(st->text(1));
        }
    }
    auto files = state_->blobs.list();
    CHAPERONE_TRY(files);
    std::set<std::string> present;
    auto cutoff = std::chrono::system_clock::now() - min_age;
    for (const auto& f : *files) {
        if (!f.temporary) present.insert(f.id);
        bool orphan = f.temporary || !referenced.count(f.id);
        if (!orphan) continue;
        (f.temporary ? report.stale_temp_files : report.orphan_blobs).push_back(f.path.string());
        if (remove && f.modified < cutoff) {
            std::error_code ec;
            if (std::filesystem::remove(f.path, ec)) ++report.removed;
        }
    }
    for (const auto& [id, blob] : rows) {
        if (!present.count(blob)) report.missing_blobs.push_back(fmt::format("entry {}: blob {}", id, blob));
    }
    return report;
}

Status ensure_storage_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return Status::ok();
    if (std::filesystem::exists(dir, ec)) {
        return Status::error(Errc::invalid_input, "[storage] dir " + dir.string() + " exists and is not a directory");
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::error(Errc::io, "creating [storage] dir " + dir.string() + ": " + ec.message());
    if (::chmod(dir.c_str(), 0700) != 0) {
        return Status::error(Errc::io, "chmod 0700 " + dir.string() + ": " + std::strerror(errno));
    }
    return Status::ok();
}

// A store that was never used: no database and none of the key files.
bool is_fresh_store(const policies::StorageConfig& storage, const crypto::KeyPaths& paths) {
    std::error_code ec;
    for (const auto& p : {storage.dir / "chaperone.db", paths.public_key, paths.secret_key, paths.chain_key}) {
        if (std::filesystem::exists(p, ec) || ec) return false;
    }
    return true;
}

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> open_store(const policies::Config& config, StoreRole role) {
    using namespace sqlite;
    const auto& storage = config.storage;
    if (storage.dir.empty()) return Status::error(Errc::invalid_input, "[storage] dir is not set");
    // Keys first: a misconfigured reader should fail before touching the database.
    crypto::KeyPaths paths = crypto::key_paths(storage);
    // A new install works from its first command: a fresh store gets its keys now, as
    // `chaperone keys init` would make them. Keys missing beside an existing database are
    // an error below, never silently replaced (that would orphan every sealed message).
    if (is_fresh_store(storage, paths)) {
        CHAPERONE_TRY(crypto::generate_key_files(paths));
        log::info("first use of {}: created the archive keys in {} (archive.key is needed only where messages "
                  "are read; see archive/README.md)",
                  storage.dir.string(), paths.public_key.parent_path().string());
    }
    auto public_key = crypto::load_public_key(paths.public_key);
    CHAPERONE_TRY(public_key);
    auto chain_key = crypto::load_chain_key(paths.chain_key);
    CHAPERONE_TRY(chain_key);
    crypto::SecretKey secret_key;
    if (role == StoreRole::reader) {
        auto sk = crypto::load_secret_key(paths.secret_key);
        CHAPERONE_TRY(sk);
        secret_key = *sk;
    }
    CHAPERONE_TRY(ensure_storage_dir(storage.dir));
    auto db = Database::open(storage.dir / "chaperone.db", storage.busy_timeout_ms, true);
    CHAPERONE_TRY(db);
    CHAPERONE_TRY(migrate(*db));

    auto state = std::make_unique<StoreState>(BlobStore(storage.dir / "blobs"));
    state->db = std::move(db).value();
    state->public_key = *public_key;
    state->chain_key = *chain_key;
    state->secret_key = secret_key;
    state->os_user = current_os_user();
    return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(state)));
}

}  // namespace chaperone::archive
