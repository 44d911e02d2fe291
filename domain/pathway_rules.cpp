#include "domain/pathway_rules.hpp"

#include <string>

#include "base/error.hpp"

namespace rp {

void check_plan_date(const CivilDate& date, const CivilDate& today, std::string_view field) {
  if (date < today.plus_days(-kPlanDaysBack) || today.plus_days(kPlanDaysAhead) < date)
    throw InputError(std::string(field), "implausible_plan_date"_err,
                     {{"value", date.iso()},
                      {"earliest", today.plus_days(-kPlanDaysBack).iso()},
                      {"latest", today.plus_days(kPlanDaysAhead).iso()}});
}

void check_past_plan_reason(const CivilDate& date, const CivilDate& today, std::string_view reason) {
  if (date < today && reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError("reason", "past_plan_needs_reason"_err);
}

void check_done_on(const ScheduledItem& item, const CivilDate& on, const CivilDate& today, const CivilDate& began) {
  if (today < on) throw InputError("on", "in_the_future"_err);
  if (on < began) throw InputError("on", "before_episode_began"_err, {{"began", began.iso()}});
  const bool follow_up =
      item.anchor == "injection" && (item.kind == "visit" || item.kind == "imaging" || item.kind == "questionnaire");
  if (follow_up && on < item.window_start)
    throw InputError("on", "window_not_open_yet"_err, {{"item", item.id}, {"opens", item.window_start.iso()}});
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
    throw ConflictError("side", "joint_has_open_episode"_err,
                        {{"side", std::string(to_string(adding.side))},
                         {"episode", std::to_string(e.id)},
                         {"state", std::string(to_string(e.state))}});
  }
}

}  // namespace rp
