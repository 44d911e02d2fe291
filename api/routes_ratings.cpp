// Ratings (issue 19; service/ratings.hpp): the patient rates their treatment on the
// portal after the 12-week visit, the centre's admin moderates the comments, and anyone
// reads a centre's summary.
#include "api/contract/ratings.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

std::int64_t rating_param(const http::Call& c) { return http::id_param(c.request.params.at("rating_id"), "rating"); }

}  // namespace

void add_rating_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/me/episodes/{episode_id}/rating",
         "The patient's own rating of the episode, and whether they may rate it (once its 12-week visit is done)",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto own = service::Ratings(s.store, s.clock).own(c.actor, episode_param(c));
           contract::OwnRatingOut out;
           out.may_rate = own.may_rate;
           if (own.rating) out.rating = contract::rating_out(*own.rating);
           return out;
         }});
  r.add({"PUT",
         "/api/v1/me/episodes/{episode_id}/rating",
         "Gives or changes the patient's rating of their treatment, 1-5 stars and an optional comment, once the "
         "episode's 12-week visit is done; the last rating counts. Only the patient: staff are refused",
         service::Permission::portal_own,
         {},
         "{stars, comment?}",
         false,
         false,
         [&s](http::Call& c, const contract::RatingIn& in) {
           const int stars = static_cast<int>(std::clamp<std::int64_t>(in.stars, -1, 6));
           return contract::rating_out(
               service::Ratings(s.store, s.clock).rate(c.actor, episode_param(c), stars, in.comment.value_or("")));
         }});
  r.add({"GET",
         "/api/v1/centres/{centre_id}/ratings",
         "The centre's ratings for its admin to moderate, the latest changed first (?pending=true: only those whose "
         "comment waits). Another centre is not found",
         service::Permission::centre_edit,
         {},
         "",
         false,
         false,
         http::querying<contract::RatingsQuery>([&s](http::Call& c, const contract::RatingsQuery& q) {
           contract::RatingsOut out;
           for (const auto& rating : service::Ratings(s.store, s.clock)
                                         .of_centre(c.actor, c.request.params.at("centre_id"), q.pending == "true"))
             out.ratings.push_back(contract::rating_out(rating));
           return out;
         })});
  r.add({"POST",
         "/api/v1/ratings/{rating_id}/moderation",
         "Approves a rating's comment (the public sees it) or rejects it",
         service::Permission::centre_edit,
         {},
         "{decision: approve | reject}",
         false,
         false,
         [&s](http::Call& c, const contract::ModerationIn& in) {
           if (in.decision != "approve" && in.decision != "reject")
             throw InputError("decision", "unknown_moderation_decision"_err);
           return contract::rating_out(
               service::Ratings(s.store, s.clock).moderate(c.actor, rating_param(c), in.decision == "approve"));
         }});
  r.add({"GET",
         "/api/v1/directory/centres/{centre_id}/ratings",
         "What patients think of the treatment at a centre: every rating's count, mean and distribution, the "
         "satisfaction questionnaire's beside it, and the approved comments (never who wrote them). No sign-in",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::public_ratings_out(
               service::Ratings(s.store, s.clock).public_summary(c.request.params.at("centre_id")));
         }});
}

}  // namespace rp::api
