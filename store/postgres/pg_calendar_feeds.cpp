// Private calendar feeds on PostgreSQL (0026_calendar_feeds.sql);
// store/sqlite/sqlite_calendar_feeds.cpp is the reference.
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kFeedColumns =
    "SELECT id, token_hash, patient_id, centre_id, created_by, created_at, revoked_by, revoked_at "
    "FROM calendar_feeds ";

std::optional<std::string> optional_text(const Result& r, int col) {
  if (r.null(0, col)) return std::nullopt;
  return r.text(0, col);
}

std::optional<CalendarFeedRow> first_feed(const Result& r) {
  if (r.rows() == 0) return std::nullopt;
  return CalendarFeedRow{r.int64(0, 0), r.text(0, 1), r.int64(0, 2),       r.text(0, 3),
                         r.text(0, 4),  r.text(0, 5), optional_text(r, 6), optional_text(r, 7)};
}

}  // namespace

std::int64_t PgTransaction::insert_calendar_feed(const CalendarFeedRow& r) {
  auto res = c_.exec(
      "INSERT INTO calendar_feeds (token_hash, patient_id, centre_id, created_by, created_at) "
      "VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING RETURNING id",
      Params().text(r.token_hash).integer(r.patient_id).text(r.centre_id).text(r.created_by).text(r.created_at));
  if (res.rows() != 1)
    throw ConflictError("patient_id", "calendar_feed_exists"_err, {{"patient_id", std::to_string(r.patient_id)}});
  return res.int64(0, 0);
}

std::optional<CalendarFeedRow> PgTransaction::find_calendar_feed(const std::string& token_hash) {
  return first_feed(c_.exec(std::string(kFeedColumns) + "WHERE token_hash = $1", Params().text(token_hash)));
}

std::optional<CalendarFeedRow> PgTransaction::live_calendar_feed(std::int64_t patient_id) {
  return first_feed(c_.exec(std::string(kFeedColumns) + "WHERE patient_id = $1 AND revoked_at IS NULL",
                            Params().integer(patient_id)));
}

bool PgTransaction::revoke_calendar_feed(std::int64_t id, const std::string& by, const std::string& at) {
  auto res = c_.exec(
      "UPDATE calendar_feeds SET revoked_by = $1, revoked_at = $2 WHERE id = $3 AND revoked_at IS NULL RETURNING id",
      Params().text(by).text(at).integer(id));
  return res.rows() == 1;
}

}  // namespace rp::store::postgres
