// Ratings on PostgreSQL (0036_ratings.sql); store/sqlite/sqlite_ratings.cpp is the
// reference.
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kRatingColumns =
    "SELECT id, episode_id, patient_id, centre_id, stars, comment, comment_status, moderated_by, moderated_at, "
    "created_at, updated_at FROM ratings ";

rating::Rating read_rating(const Result& r, int i) {
  rating::Rating out;
  out.id = r.int64(i, 0);
  out.episode_id = r.int64(i, 1);
  out.patient_id = r.int64(i, 2);
  out.centre_id = r.text(i, 3);
  out.stars = r.int32(i, 4);
  out.comment = r.text(i, 5);
  out.comment_status = rating::parse_comment_status(r.text(i, 6), "comment_status");
  out.moderated_by = r.text(i, 7);
  out.moderated_at = r.text(i, 8);
  out.created_at = r.text(i, 9);
  out.updated_at = r.text(i, 10);
  return out;
}

std::optional<rating::Rating> first(const Result& r) {
  if (r.rows() == 0) return std::nullopt;
  return read_rating(r, 0);
}

}  // namespace

std::int64_t PgTransaction::save_rating(const rating::Rating& r) {
  auto res = c_.exec(
      "INSERT INTO ratings (episode_id, patient_id, centre_id, stars, comment, comment_status, moderated_by, "
      "moderated_at, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (episode_id) DO "
      "UPDATE SET stars = excluded.stars, comment = excluded.comment, comment_status = excluded.comment_status, "
      "moderated_by = excluded.moderated_by, moderated_at = excluded.moderated_at, updated_at = excluded.updated_at "
      "RETURNING id",
      Params()
          .integer(r.episode_id)
          .integer(r.patient_id)
          .text(r.centre_id)
          .integer(r.stars)
          .text(r.comment)
          .text(std::string(rating::to_string(r.comment_status)))
          .text(r.moderated_by)
          .text(r.moderated_at)
          .text(r.created_at)
          .text(r.updated_at));
  return res.int64(0, 0);
}

std::optional<rating::Rating> PgTransaction::rating_of_episode(std::int64_t episode_id) {
  return first(c_.exec(std::string(kRatingColumns) + "WHERE episode_id = $1", Params().integer(episode_id)));
}

std::optional<rating::Rating> PgTransaction::find_rating(std::int64_t id) {
  return first(c_.exec(std::string(kRatingColumns) + "WHERE id = $1", Params().integer(id)));
}

std::vector<rating::Rating> PgTransaction::ratings_of_centre(const std::string& centre_id, bool pending_only) {
  auto res = c_.exec(std::string(kRatingColumns) +
                         "WHERE centre_id = $1 AND (NOT $2::boolean OR comment_status = 'pending') ORDER BY "
                         "updated_at DESC, id DESC",
                     Params().text(centre_id).text(pending_only ? "true" : "false"));
  std::vector<rating::Rating> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_rating(res, i));
  return out;
}

std::vector<int> PgTransaction::latest_satisfaction_of_centre(const std::string& centre_id) {
  auto res = c_.exec(
      "SELECT CAST(s.value AS INTEGER) FROM questionnaire_responses r JOIN response_scores s ON s.response_id = r.id "
      "AND s.name = 'satisfaction' WHERE r.centre_id = $1 AND r.instrument = 'satisfaction' AND s.value IS NOT NULL "
      "AND r.id = (SELECT MAX(l.id) FROM questionnaire_responses l WHERE l.episode_id = r.episode_id AND "
      "l.instrument = 'satisfaction') ORDER BY r.episode_id",
      Params().text(centre_id));
  std::vector<int> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) out.push_back(res.int32(i, 0));
  return out;
}

}  // namespace rp::store::postgres
