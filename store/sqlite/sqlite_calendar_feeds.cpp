// Private calendar feeds on SQLite (0026_calendar_feeds.sql).
#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kFeedColumns =
    "SELECT id, token_hash, patient_id, centre_id, created_by, created_at, revoked_by, revoked_at "
    "FROM calendar_feeds ";

std::optional<CalendarFeedRow> first_feed(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  return CalendarFeedRow{q.getColumn(0).getInt64(),     q.getColumn(1).getString(),   q.getColumn(2).getInt64(),
                         q.getColumn(3).getString(),    q.getColumn(4).getString(),   q.getColumn(5).getString(),
                         optional_text(q.getColumn(6)), optional_text(q.getColumn(7))};
}

}  // namespace

std::int64_t SqliteTransaction::insert_calendar_feed(const CalendarFeedRow& r) {
  auto& q = c_.statement(
      "INSERT INTO calendar_feeds (token_hash, patient_id, centre_id, created_by, created_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT DO NOTHING");
  q.bind(1, r.token_hash);
  q.bind(2, static_cast<int64_t>(r.patient_id));
  q.bind(3, r.centre_id);
  q.bind(4, r.created_by);
  q.bind(5, r.created_at);
  if (q.exec() != 1)
    throw ConflictError("patient_id", "calendar_feed_exists"_err, {{"patient_id", std::to_string(r.patient_id)}});
  return c_.db().getLastInsertRowid();
}

std::optional<CalendarFeedRow> SqliteTransaction::find_calendar_feed(const std::string& token_hash) {
  static const std::string sql = std::string(kFeedColumns) + "WHERE token_hash = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, token_hash);
  return first_feed(q);
}

std::optional<CalendarFeedRow> SqliteTransaction::live_calendar_feed(std::int64_t patient_id) {
  static const std::string sql = std::string(kFeedColumns) + "WHERE patient_id = ? AND revoked_at IS NULL";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(patient_id));
  return first_feed(q);
}

bool SqliteTransaction::revoke_calendar_feed(std::int64_t id, const std::string& by, const std::string& at) {
  auto& q =
      c_.statement("UPDATE calendar_feeds SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  q.bind(1, by);
  q.bind(2, at);
  q.bind(3, static_cast<int64_t>(id));
  return q.exec() == 1;
}

}  // namespace rp::store::sqlite
