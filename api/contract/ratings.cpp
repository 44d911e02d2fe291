#include "api/contract/ratings.hpp"

namespace rp::api::contract {
namespace {

SummaryOut summary_out(const rating::Summary& s) {
  return {s.count, s.mean, std::vector<std::int64_t>(s.distribution.begin(), s.distribution.end())};
}

}  // namespace

RatingOut rating_out(const rating::Rating& r) {
  return {r.id,           r.episode_id,   r.stars,      r.comment,   std::string(rating::to_string(r.comment_status)),
          r.moderated_by, r.moderated_at, r.created_at, r.updated_at};
}

PublicRatingsOut public_ratings_out(const service::PublicRatings& p) {
  PublicRatingsOut out{summary_out(p.ratings), summary_out(p.satisfaction), {}};
  for (const auto& r : p.comments) out.comments.push_back({r.stars, r.comment, r.updated_at.substr(0, 10)});
  return out;
}

}  // namespace rp::api::contract
