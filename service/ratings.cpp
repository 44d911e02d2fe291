#include "service/ratings.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"

namespace rp::service {
namespace {

void require_patient(const Actor& actor) {
  if (actor.role != Role::patient || !actor.patient_id) throw ForbiddenError("role", "ratings_from_patients_only"_err);
  require(actor, Permission::portal_own);
}

bool twelve_week_visit_done(store::Transaction& tx, std::int64_t episode_id) {
  const auto items = tx.schedule_of(episode_id);
  return std::any_of(items.begin(), items.end(), [](const ScheduledItem& s) {
    return s.id == rating::kOpensAfterItem && s.status == ItemStatus::done;
  });
}

}  // namespace

OwnRating Ratings::own(const Actor& patient, std::int64_t episode_id) {
  require_patient(patient);
  OwnRating out;
  store_.read(record_scope(patient), [&](store::Transaction& tx) {
    visible_episode(tx, patient, episode_id);
    out.may_rate = twelve_week_visit_done(tx, episode_id);
    out.rating = tx.rating_of_episode(episode_id);
  });
  return out;
}

rating::Rating Ratings::rate(const Actor& patient, std::int64_t episode_id, int stars, const std::string& comment) {
  require_patient(patient);
  rating::Rating r;
  store_.write(record_scope(patient), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, patient, episode_id);
    if (!twelve_week_visit_done(tx, episode_id)) throw ConflictError("episode", "rating_before_12_week_visit"_err);
    const auto before = tx.rating_of_episode(episode_id);
    r = rating::changed_rating(before, stars, comment);
    rating::validate_rating(r);
    if (before && r == *before) return;  // the same rating again: nothing written
    const std::string now = clock_.now_iso();
    r.episode_id = episode_id;
    r.patient_id = e.patient_id;
    r.centre_id = e.centre_id;
    if (!before) r.created_at = now;
    r.updated_at = now;
    r.id = tx.save_rating(r);
    tx.append_audit(
        audit_entry(clock_, patient, e.centre_id, "rating.set", "episode", std::to_string(episode_id),
                    std::to_string(stars) + " stars; comment " + std::string(rating::to_string(r.comment_status))));
  });
  return r;
}

std::vector<rating::Rating> Ratings::of_centre(const Actor& admin, const std::string& centre_id, bool pending_only) {
  require(admin, Permission::centre_edit);
  if (!admin.sees_centre(centre_id))
    throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
  std::vector<rating::Rating> out;
  store_.read(record_scope(admin),
              [&](store::Transaction& tx) { out = tx.ratings_of_centre(centre_id, pending_only); });
  return out;
}

rating::Rating Ratings::moderate(const Actor& admin, std::int64_t rating_id, bool approve) {
  require(admin, Permission::centre_edit);
  rating::Rating r;
  store_.write(record_scope(admin), [&](store::Transaction& tx) {
    const auto found = tx.find_rating(rating_id);
    if (!found || !admin.sees_centre(found->centre_id))
      throw NotFoundError("rating", "rating_not_found"_err, {{"id", std::to_string(rating_id)}});
    r = *found;
    if (r.comment.empty()) throw ConflictError("rating", "no_comment_to_moderate"_err);
    const auto decided = approve ? rating::CommentStatus::approved : rating::CommentStatus::rejected;
    if (r.comment_status == decided) return;  // already so
    r.comment_status = decided;
    r.moderated_by = admin.user;
    r.moderated_at = clock_.now_iso();
    tx.save_rating(r);
    tx.append_audit(audit_entry(clock_, admin, r.centre_id, "rating.moderate", "episode", std::to_string(r.episode_id),
                                std::string(rating::to_string(decided))));
  });
  return r;
}

PublicRatings Ratings::public_summary(const std::string& centre_id) {
  PublicRatings out;
  // No actor: every centre's summary is public, so the read is not held to one centre.
  store_.read([&](store::Transaction& tx) {
    if (!tx.find_centre(centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
    std::vector<int> stars;
    for (auto& r : tx.ratings_of_centre(centre_id, false)) {
      stars.push_back(r.stars);
      if (r.comment_status == rating::CommentStatus::approved && out.comments.size() < kShownComments)
        out.comments.push_back(std::move(r));
    }
    out.ratings = rating::summarise(stars);
    out.satisfaction = rating::summarise(tx.latest_satisfaction_of_centre(centre_id));
  });
  return out;
}

}  // namespace rp::service
