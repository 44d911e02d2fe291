#pragma once
// A patient's private calendar feed (service/calendar_feeds.hpp): made by staff or by the
// patient in the portal, revoked by staff, and read by calendar apps at
// /calendar/<token>.ics as iCalendar (api/calendar/ics.hpp).
#include <optional>
#include <string>
#include <vector>

#include "api/http/query.hpp"

namespace rp::api::contract {

inline std::vector<std::string> calendar_languages() { return {"en", "fa"}; }

struct CalendarFeedOut {
  static constexpr const char* kSchema = "CalendarFeed";
  std::string token, path, created_at;
  template <class V>
  static void fields(V& v) {
    v("token", &CalendarFeedOut::token, "256-bit random, hex: shown this once, only its hash is kept");
    v("path", &CalendarFeedOut::path,
      "the feed, for a calendar app to subscribe to: /calendar/<token>.ics (add ?lang=fa for Persian)");
    v("created_at", &CalendarFeedOut::created_at, "UTC instant");
  }
};

struct CalendarFeedRevoked {
  static constexpr const char* kSchema = "CalendarFeedRevoked";
  bool revoked = true;
  template <class V>
  static void fields(V& v) {
    v("revoked", &CalendarFeedRevoked::revoked, "the feed's link answers 404 from now on");
  }
};

// The portal's view: whether the patient has a live feed (its link is not kept, so it
// cannot be shown again: a new one replaces it).
struct OwnCalendarFeedOut {
  static constexpr const char* kSchema = "OwnCalendarFeed";
  bool live = false;
  std::optional<std::string> created_at;
  template <class V>
  static void fields(V& v) {
    v("live", &OwnCalendarFeedOut::live, "the patient has a calendar link that works");
    v("created_at", &OwnCalendarFeedOut::created_at, "when it was made, UTC instant");
  }
};

struct CalendarFeedQuery {
  std::optional<std::string> lang;
  template <class V>
  static void fields(V& v) {
    using http::ParamRule;
    v("lang", &CalendarFeedQuery::lang,
      "en or fa: the events' titles and descriptions; the patient's language when left out",
      ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = calendar_languages});
  }
};

}  // namespace rp::api::contract
