// Per-day message counters in SQLite; see counter_store.h.
#include <fmt/format.h>

#include "archive/casefile/timestamp.h"
#include "archive/store/sqlite/sqlite_store.h"
#include "archive/store/status_macros.h"

namespace chaperone::archive::sqlite {
namespace {

constexpr std::size_t kMaxRuleIdBytes = 64;

bool valid_day(const std::string& day) {
    return day.size() == 10 && parse_iso8601(day).has_value();
}

bool valid_rule_id(const std::string& rule) {
    if (rule.size() > kMaxRuleIdBytes) return false;
    for (char c : rule) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

// Every source of counter_store.h in one query; ?1 / ?2 are the first and last day.
constexpr const char* kFiguresSql = R"SQL(
SELECT day, event, rule, count FROM (
  SELECT day, event, rule, count FROM message_counters WHERE day BETWEEN ?1 AND ?2
  UNION ALL
  SELECT substr(recorded_at, 1, 10) AS day, 'archived', '', COUNT(*) FROM casefile_entries
  WHERE recorded_at >= ?1 AND recorded_at < date(?2, '+1 day') GROUP BY 1
  UNION ALL
  SELECT substr(at, 1, 10), CASE action WHEN 'quarantine.hold' THEN 'held' WHEN 'quarantine.released' THEN 'released'
                                        ELSE 'discarded' END, '', COUNT(*)
  FROM audit_log WHERE action IN ('quarantine.hold', 'quarantine.released', 'quarantine.discard')
    AND at >= ?1 AND at < date(?2, '+1 day') GROUP BY 1, 2
  UNION ALL
  SELECT substr(a.at, 1, 10), CASE a.action WHEN 'quarantine.hold' THEN 'held' ELSE 'discarded' END, r.value, COUNT(*)
  FROM audit_log a, json_each(a.details, '$.rules') r
  WHERE a.action IN ('quarantine.hold', 'quarantine.discard') AND a.at >= ?1 AND a.at < date(?2, '+1 day')
    AND json_valid(a.details) GROUP BY 1, 2, 3
  UNION ALL
  SELECT substr(a.at, 1, 10), 'released', r.value, COUNT(*)
  FROM audit_log a JOIN audit_log h ON h.action = 'quarantine.hold' AND h.target = a.target,
       json_each(h.details, '$.rules') r
  WHERE a.action = 'quarantine.released' AND a.at >= ?1 AND a.at < date(?2, '+1 day') AND json_valid(h.details)
  GROUP BY 1, 3
) ORDER BY day, event, rule LIMIT ?3
)SQL";

class SqliteCounterStore final : public CounterStore {
public:
    explicit SqliteCounterStore(StoreState& state) : state_(state) {}

    Status add(const std::vector<CounterIncrement>& batch) override {
        if (batch.size() > kMaxCounterBatch) {
            return Status::error(Errc::limit, fmt::format("a counter batch holds at most {} increments", kMaxCounterBatch));
        }
        for (const auto& inc : batch) {
            if (!valid_day(inc.day)) return Status::error(Errc::invalid_input, "counter day must be YYYY-MM-DD");
            if (!valid_rule_id(inc.rule)) return Status::error(Errc::invalid_input, "counter rule is not a rule id");
            if (inc.count < 0) return Status::error(Errc::invalid_input, "counter increments are never negative");
            if (!counted_by_milter(inc.event)) {
                return Status::error(Errc::invalid_input,
                                     std::string(counter_event_name(inc.event)) +
                                         " is counted from the quarantine's audit records or the case files, not add()");
            }
        }
        std::lock_guard lock(state_.mutex);
        auto tx = Transaction::begin(state_.db);
        CHAPERONE_TRY(tx);
        auto st = state_.db.prepare(
            "INSERT INTO message_counters (day, event, rule, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(day, event, rule) DO UPDATE SET count = count + excluded.count");
        CHAPERONE_TRY(st);
        for (const auto& inc : batch) {
            st->reset();
            st->bind(1, inc.day).bind(2, counter_event_name(inc.event)).bind(3, inc.rule).bind(4, inc.count);
            CHAPERONE_TRY(st->run());
        }
        return tx->commit();
    }

    Result<std::vector<CounterRow>> figures(const std::string& from_day, const std::string& to_day) override {
        if (!valid_day(from_day) || !valid_day(to_day)) {
            return Status::error(Errc::invalid_input, "figures need days as YYYY-MM-DD");
        }
        std::lock_guard lock(state_.mutex);
        // Timestamps are ISO 8601 in UTC as written (format_iso8601(now_utc())); their
        // first ten characters are the day.
        auto st = state_.db.prepare(kFiguresSql);
        CHAPERONE_TRY(st);
        st->bind(1, from_day).bind(2, to_day).bind(3, static_cast<std::int64_t>(kMaxCounterRows));
        std::vector<CounterRow> out;
        for (;;) {
            auto row = st->step();
            CHAPERONE_TRY(row);
            if (!*row) break;
            CounterRow r;
            r.day = st->text(0);
            if (!parse_counter_event(st->text(1), r.event)) continue;
            r.rule = st->text(2);
            r.count = st->int64(3);
            out.push_back(std::move(r));
        }
        return out;
    }

    Result<std::int64_t> waiting_for_review() override {
        std::lock_guard lock(state_.mutex);
        auto st = state_.db.prepare("SELECT COUNT(*) FROM quarantine WHERE state IN ('held', 'releasing')");
        CHAPERONE_TRY(st);
        auto row = st->step();
        CHAPERONE_TRY(row);
        return st->int64(0);
    }

private:
    StoreState& state_;
};

}  // namespace

std::unique_ptr<CounterStore> make_counter_store(StoreState& state) { return std::make_unique<SqliteCounterStore>(state); }

}  // namespace chaperone::archive::sqlite
