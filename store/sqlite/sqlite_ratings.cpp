// Ratings on SQLite (0036_ratings.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kRatingColumns =
    "SELECT id, episode_id, patient_id, centre_id, stars, comment, comment_status, moderated_by, moderated_at, "
    "created_at, updated_at FROM ratings ";

rating::Rating read_rating(SQLite::Statement& q) {
  rating::Rating r;
  r.id = q.getColumn(0).getInt64();
  r.episode_id = q.getColumn(1).getInt64();
  r.patient_id = q.getColumn(2).getInt64();
  r.centre_id = q.getColumn(3).getString();
  r.stars = q.getColumn(4).getInt();
  r.comment = q.getColumn(5).getString();
  r.comment_status = rating::parse_comment_status(q.getColumn(6).getString(), "comment_status");
  r.moderated_by = q.getColumn(7).getString();
  r.moderated_at = q.getColumn(8).getString();
  r.created_at = q.getColumn(9).getString();
  r.updated_at = q.getColumn(10).getString();
  return r;
}

std::optional<rating::Rating> one_rating(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  auto r = read_rating(q);
  q.reset();
  return r;
}

}  // namespace

std::int64_t SqliteTransaction::save_rating(const rating::Rating& r) {
  auto& q = c_.statement(
      "INSERT INTO ratings (episode_id, patient_id, centre_id, stars, comment, comment_status, moderated_by, "
      "moderated_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (episode_id) DO UPDATE SET "
      "stars = excluded.stars, comment = excluded.comment, comment_status = excluded.comment_status, moderated_by = "
      "excluded.moderated_by, moderated_at = excluded.moderated_at, updated_at = excluded.updated_at RETURNING id");
  q.bind(1, static_cast<int64_t>(r.episode_id));
  q.bind(2, static_cast<int64_t>(r.patient_id));
  q.bind(3, r.centre_id);
  q.bind(4, r.stars);
  q.bind(5, r.comment);
  q.bind(6, std::string(rating::to_string(r.comment_status)));
  q.bind(7, r.moderated_by);
  q.bind(8, r.moderated_at);
  q.bind(9, r.created_at);
  q.bind(10, r.updated_at);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  return id;
}

std::optional<rating::Rating> SqliteTransaction::rating_of_episode(std::int64_t episode_id) {
  static const std::string sql = std::string(kRatingColumns) + "WHERE episode_id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(episode_id));
  return one_rating(q);
}

std::optional<rating::Rating> SqliteTransaction::find_rating(std::int64_t id) {
  static const std::string sql = std::string(kRatingColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  return one_rating(q);
}

std::vector<rating::Rating> SqliteTransaction::ratings_of_centre(const std::string& centre_id, bool pending_only) {
  static const std::string sql = std::string(kRatingColumns) +
                                 "WHERE centre_id = ? AND (? = 0 OR comment_status = 'pending') ORDER BY updated_at "
                                 "DESC, id DESC";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  q.bind(2, pending_only ? 1 : 0);
  std::vector<rating::Rating> out;
  while (q.executeStep()) out.push_back(read_rating(q));
  return out;
}

std::vector<int> SqliteTransaction::latest_satisfaction_of_centre(const std::string& centre_id) {
  auto& q = c_.statement(
      "SELECT CAST(s.value AS INTEGER) FROM questionnaire_responses r JOIN response_scores s ON s.response_id = r.id "
      "AND s.name = 'satisfaction' WHERE r.centre_id = ? AND r.instrument = 'satisfaction' AND s.value IS NOT NULL "
      "AND r.id = (SELECT MAX(l.id) FROM questionnaire_responses l WHERE l.episode_id = r.episode_id AND "
      "l.instrument = 'satisfaction') ORDER BY r.episode_id");
  q.bind(1, centre_id);
  std::vector<int> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt());
  return out;
}

}  // namespace rp::store::sqlite
