#include "api/contract/ratings.hpp"

#include "base/clock.hpp"
#include "base/error.hpp"
#include "base/utc_instant.hpp"

namespace rp::api::contract {
namespace {

// The clinic's day of a stored instant: a comment written at 01:00 in Tehran is of that
// day, not of the UTC day before it.
std::string clinic_day(const std::string& utc_iso) {
  try {
    return civil_date_in_zone(parse_utc_instant(utc_iso, "updated_at").ms, "Asia/Tehran").iso();
  } catch (const InputError&) {
    return utc_iso.substr(0, 10);  // written by an older binary in another form: its own day
  }
}

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
  for (const auto& r : p.comments) out.comments.push_back({r.stars, r.comment, clinic_day(r.updated_at)});
  return out;
}

}  // namespace rp::api::contract
