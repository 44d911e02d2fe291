#pragma once
// Ratings as the portal, the centre's admin and the public read and write them
// (api/routes_ratings.cpp, service/ratings.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/costs.hpp"  // true_false
#include "api/http/contract.hpp"
#include "api/http/query.hpp"
#include "service/ratings.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct RatingOut {
  static constexpr const char* kSchema = "Rating";
  std::int64_t id = 0, episode_id = 0, stars = 0;
  std::string comment, comment_status, moderated_by, moderated_at, created_at, updated_at;
  template <class V>
  static void fields(V& v) {
    v("id", &RatingOut::id, "");
    v("episode_id", &RatingOut::episode_id, "");
    v("stars", &RatingOut::stars, "1-5");
    v("comment", &RatingOut::comment, "empty when none");
    v("comment_status", &RatingOut::comment_status,
      "none (no comment), pending (waits for the centre's admin), approved (shown to the public) or rejected");
    v("moderated_by", &RatingOut::moderated_by, "the admin who approved or rejected the comment; empty until then");
    v("moderated_at", &RatingOut::moderated_at, "UTC; empty until moderated");
    v("created_at", &RatingOut::created_at, "UTC");
    v("updated_at", &RatingOut::updated_at, "UTC: the last change, which counts");
  }
};

RatingOut rating_out(const rating::Rating& r);

struct OwnRatingOut {
  static constexpr const char* kSchema = "OwnRating";
  bool may_rate = false;
  std::optional<RatingOut> rating;
  template <class V>
  static void fields(V& v) {
    v("may_rate", &OwnRatingOut::may_rate, "the episode's 12-week visit is done: the patient may rate it");
    v("rating", &OwnRatingOut::rating, "the patient's rating; left out before the first",
      FieldRule{.omit_when_empty = true});
  }
};

struct RatingIn {
  static constexpr const char* kSchema = "RatingChange";
  std::int64_t stars = 0;
  std::optional<std::string> comment;
  template <class V>
  static void fields(V& v) {
    v("stars", &RatingIn::stars, "1-5");
    v("comment", &RatingIn::comment,
      "optional, at most 1000 bytes: shown to the public once the centre approves it; a changed comment waits again",
      FieldRule{.max_bytes = 1000});
  }
};

struct RatingsOut {
  static constexpr const char* kSchema = "Ratings";
  std::vector<RatingOut> ratings;
  template <class V>
  static void fields(V& v) {
    v("ratings", &RatingsOut::ratings, "the latest changed first");
  }
};

struct RatingsQuery {
  std::optional<std::string> pending;
  template <class V>
  static void fields(V& v) {
    v("pending", &RatingsQuery::pending, "true: only ratings whose comment waits for moderation",
      http::ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = true_false});
  }
};

struct ModerationIn {
  static constexpr const char* kSchema = "CommentModeration";
  std::string decision;
  template <class V>
  static void fields(V& v) {
    v("decision", &ModerationIn::decision, "approve (the public sees the comment) or reject",
      FieldRule{.max_bytes = 16});
  }
};

struct SummaryOut {
  static constexpr const char* kSchema = "RatingSummary";
  std::int64_t count = 0;
  std::optional<double> mean;
  std::vector<std::int64_t> distribution;
  template <class V>
  static void fields(V& v) {
    v("count", &SummaryOut::count, "");
    v("mean", &SummaryOut::mean, "left out without an answer", FieldRule{.omit_when_empty = true});
    v("distribution", &SummaryOut::distribution, "how many answered 1, 2, 3, 4 and 5");
  }
};

struct PublicCommentOut {
  static constexpr const char* kSchema = "PublicComment";
  std::int64_t stars = 0;
  std::string comment, date;
  template <class V>
  static void fields(V& v) {
    v("stars", &PublicCommentOut::stars, "");
    v("comment", &PublicCommentOut::comment, "as the patient wrote it; never who wrote it");
    v("date", &PublicCommentOut::date,
      "YYYY-MM-DD: the day of the rating's last change in the clinic's time zone (Asia/Tehran)");
  }
};

struct PublicRatingsOut {
  static constexpr const char* kSchema = "CentreRatings";
  SummaryOut ratings, satisfaction;
  std::vector<PublicCommentOut> comments;
  template <class V>
  static void fields(V& v) {
    v("ratings", &PublicRatingsOut::ratings, "every rating patients gave the treatment at the centre (1-5)");
    v("satisfaction", &PublicRatingsOut::satisfaction,
      "the satisfaction questionnaire (1-5): each episode's latest answer");
    v("comments", &PublicRatingsOut::comments, "the approved comments, the latest first (at most 20)");
  }
};

PublicRatingsOut public_ratings_out(const service::PublicRatings& p);

}  // namespace rp::api::contract
