#pragma once
// A patient's private calendar feed (issue 18): a URL holding an unguessable token that a
// calendar app subscribes to without signing in, serving the schedule of the patient's
// open episodes. Only the token's hash is kept; the token is handed back once, when the
// feed is made. Staff who may read the patient make and revoke it; the patient makes
// their own from the portal. Making a feed revokes the one before, so a patient has one
// live link at most. Each is a write with its audit row; each read of the feed leaves an
// audit row, durable before the schedule is handed back.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/episode.hpp"
#include "domain/schedule.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct CalendarFeedIssued {
  std::string token;  // 256-bit random, hex: shown once
  std::string created_at;
};

// What the feed serves: the patient's open episodes and their schedules, in order.
struct CalendarFeedContent {
  std::int64_t feed_id = 0, patient_id = 0;
  Language language = Language::fa;  // the patient's: the feed's language unless asked otherwise
  std::vector<Episode> episodes;
  std::vector<std::vector<ScheduledItem>> schedules;  // parallel to episodes
};

// Episodes still on the pathway: not ended (completed, converted, withdrawn, lost) nor
// refused (ineligible).
bool episode_open(EpisodeState s);

class CalendarFeeds {
 public:
  CalendarFeeds(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // Staff who may read the patient (patient_read); another centre's patient is not found.
  CalendarFeedIssued create(const Actor& actor, std::int64_t patient_id);
  // NotFoundError(calendar_feed_not_found) when the patient has no live feed.
  void revoke(const Actor& actor, std::int64_t patient_id);
  // The patient signed in to the portal (portal_own): their own feed, made anew.
  CalendarFeedIssued create_own(const Actor& patient);
  // When the patient's live feed was made, if they have one.
  std::optional<std::string> own_feed_since(const Actor& patient);
  // The feed a token opens. An unknown, malformed or revoked token is NotFoundError,
  // the same for each, so an answer reveals nothing.
  CalendarFeedContent read(const std::string& token);

 private:
  CalendarFeedIssued issue(const Actor& actor, std::int64_t patient_id);
  store::Store& store_;
  Clock clock_;
};

}  // namespace rp::service
