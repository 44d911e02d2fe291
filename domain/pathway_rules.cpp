#include "domain/pathway_rules.hpp"

#include <string>

#include "base/error.hpp"

namespace rp {

void check_plan_date(const CivilDate& date, const CivilDate& today, std::string_view field) {
  if (date < today.plus_days(-kPlanDaysBack) || today.plus_days(kPlanDaysAhead) < date)
    throw InputError(std::string(field), "'" + date.iso() + "' is not a plausible plan: give a date from " +
                                             today.plus_days(-kPlanDaysBack).iso() + " to " +
                                             today.plus_days(kPlanDaysAhead).iso());
}

void check_past_plan_reason(const CivilDate& date, const CivilDate& today, std::string_view reason) {
  if (date < today && reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError("reason", "a plan dated before today needs a reason");
}

void check_done_on(const ScheduledItem& item, const CivilDate& on, const CivilDate& today, const CivilDate& began) {
  if (today < on) throw InputError("on", "must not be in the future");
  if (on < began) throw InputError("on", "must not be before the episode began (" + began.iso() + ")");
  const bool follow_up =
      item.anchor == "injection" && (item.kind == "visit" || item.kind == "imaging" || item.kind == "questionnaire");
  if (follow_up && on < item.window_start)
    throw InputError(
        "on", "the window of " + item.id + " opens on " + item.window_start.iso() + ": it cannot be done before");
}

bool is_open(EpisodeState s) {
  switch (s) {
    case EpisodeState::completed:
    case EpisodeState::converted_to_thr:
    case EpisodeState::withdrawn:
    case EpisodeState::lost_to_follow_up:
    case EpisodeState::ineligible:
      return false;
    default:
      return true;
  }
}

void check_one_open_episode(const std::vector<Episode>& of_patient, const Episode& adding) {
  for (const Episode& e : of_patient) {
    if (e.id == adding.id || e.side != adding.side || !is_open(e.state)) continue;
    throw ConflictError("side", "the " + std::string(to_string(adding.side)) + " joint already has an open episode " +
                                    std::to_string(e.id) + " (" + std::string(to_string(e.state)) +
                                    "): continue it, or end it first");
  }
}

}  // namespace rp
