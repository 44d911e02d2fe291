#include "service/calendar_feeds.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/centre_scope.hpp"
#include "service/patient_access.hpp"

namespace rp::service {
namespace {

NotFoundError no_feed() { return NotFoundError("token", "calendar_feed_not_found"_err); }

bool is_token(const std::string& token) {
  if (token.size() != 64) return false;
  for (const char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// A patient in the portal is their own actor; staff must be able to read the patient.
Patient feed_patient(store::Transaction& tx, const Actor& actor, std::int64_t patient_id) {
  if (actor.role == Role::patient) {
    auto p = tx.find_patient(patient_id);
    if (!p) throw NotFoundError("patient", "no_patient"_err);
    return *p;
  }
  return visible_patient(tx, actor, patient_id);
}

}  // namespace

bool episode_open(EpisodeState s) {
  switch (s) {
    case EpisodeState::ineligible:
    case EpisodeState::completed:
    case EpisodeState::converted_to_thr:
    case EpisodeState::withdrawn:
    case EpisodeState::lost_to_follow_up:
      return false;
    default:
      return true;
  }
}

CalendarFeedIssued CalendarFeeds::issue(const Actor& actor, std::int64_t patient_id) {
  CalendarFeedIssued out{random_hex(32), clock_.now_iso()};
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient p = feed_patient(tx, actor, patient_id);
    std::string detail = "made";
    if (const auto old = tx.live_calendar_feed(p.id)) {
      tx.revoke_calendar_feed(old->id, actor.user, out.created_at);
      detail = "made, feed " + std::to_string(old->id) + " revoked";
    }
    const auto id = tx.insert_calendar_feed(
        {0, token_hash(out.token), p.id, p.centre_id, actor.user, out.created_at, std::nullopt, std::nullopt});
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "calendar_feed.create", "patient", std::to_string(p.id),
                                "feed " + std::to_string(id) + " " + detail));
  });
  return out;
}

CalendarFeedIssued CalendarFeeds::create(const Actor& actor, std::int64_t patient_id) {
  require(actor, Permission::patient_read);
  return issue(actor, patient_id);
}

CalendarFeedIssued CalendarFeeds::create_own(const Actor& patient) {
  require_portal_patient(patient);
  return issue(patient, *patient.patient_id);
}

void CalendarFeeds::revoke(const Actor& actor, std::int64_t patient_id) {
  require(actor, Permission::patient_read);
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient p = visible_patient(tx, actor, patient_id);
    const auto live = tx.live_calendar_feed(p.id);
    if (!live) throw NotFoundError("patient_id", "calendar_feed_not_found"_err);
    tx.revoke_calendar_feed(live->id, actor.user, clock_.now_iso());
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "calendar_feed.revoke", "patient", std::to_string(p.id),
                                "feed " + std::to_string(live->id)));
  });
}

std::optional<std::string> CalendarFeeds::own_feed_since(const Actor& patient) {
  require_portal_patient(patient);
  std::optional<std::string> out;
  store_.read(record_scope(patient), [&](store::Transaction& tx) {
    if (const auto live = tx.live_calendar_feed(*patient.patient_id)) out = live->created_at;
  });
  return out;
}

CalendarFeedContent CalendarFeeds::read(const std::string& token) {
  if (!is_token(token)) throw no_feed();
  const std::string hash = token_hash(token);
  // The token names the centre: looked up across centres, then read within that one.
  std::optional<store::CalendarFeedRow> feed;
  store_.read([&](store::Transaction& tx) { feed = tx.find_calendar_feed(hash); });
  if (!feed || !feed->live()) throw no_feed();
  CalendarFeedContent out{feed->id, feed->patient_id, Language::fa, {}, {}};
  const Actor reader{"calendar_feed:" + std::to_string(feed->id), Role::anonymous, feed->centre_id};
  store_.write(store::CentreScope::of_centre(feed->centre_id), [&](store::Transaction& tx) {
    const auto again = tx.find_calendar_feed(hash);  // revoked meanwhile: nothing is served
    if (!again || !again->live()) throw no_feed();
    if (const auto patient = tx.find_patient(feed->patient_id)) out.language = patient->language;
    for (const auto& e : tx.episodes_of_patient(feed->patient_id)) {
      if (!episode_open(e.state)) continue;
      out.episodes.push_back(e);
      out.schedules.push_back(tx.schedule_of(e.id));
    }
    tx.append_audit(audit_entry(clock_, reader, feed->centre_id, "patient.read", "patient",
                                std::to_string(feed->patient_id), "calendar feed " + std::to_string(feed->id)));
  });
  return out;
}

}  // namespace rp::service
