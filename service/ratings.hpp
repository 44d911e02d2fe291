#pragma once
// Patients' ratings of their treatment (issue 19, domain/rating/rating.hpp). Only the
// patient rates, on the portal, once the episode's 12-week visit is done; changes are
// allowed and the last counts. A comment reaches the public only once the centre's admin
// approves it. The public summary of a centre (no sign-in) counts every rating and shows
// the approved comments and the satisfaction questionnaire's answers beside them. Every
// write is audited.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/rating/rating.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct OwnRating {
  bool may_rate = false;  // the 12-week visit is done
  std::optional<rating::Rating> rating;
};

struct PublicRatings {
  rating::Summary ratings;
  rating::Summary satisfaction;          // each episode's latest satisfaction answer (1-5)
  std::vector<rating::Rating> comments;  // approved, latest first, at most kShownComments
};

class Ratings {
 public:
  static constexpr std::size_t kShownComments = 20;
  Ratings(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The patient's own: whether they may rate the episode, and their rating if any.
  OwnRating own(const Actor& patient, std::int64_t episode_id);
  // Gives or changes the patient's rating of the episode. ForbiddenError for staff
  // (ratings_from_patients_only), NotFoundError for an episode not theirs, ConflictError
  // before the 12-week visit, InputError for stars or a comment out of bounds.
  rating::Rating rate(const Actor& patient, std::int64_t episode_id, int stars, const std::string& comment);
  // The centre's ratings for its admin, only those whose comment waits when `pending_only`.
  std::vector<rating::Rating> of_centre(const Actor& admin, const std::string& centre_id, bool pending_only);
  // Approves or rejects a rating's comment.
  rating::Rating moderate(const Actor& admin, std::int64_t rating_id, bool approve);
  // What anyone may read of a centre's ratings.
  PublicRatings public_summary(const std::string& centre_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace rp::service
