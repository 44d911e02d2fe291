#include "demo/history.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/instruments/hoos.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "domain/instruments/oxford_hip.hpp"
#include "domain/patient.hpp"
#include "store/json_columns.hpp"
#include "store/response_scores.hpp"

namespace rp::demo {
namespace {

double relief(const Course& c, int day) {
  if (day <= 0) return 0;
  const double build = std::min(1.0, day / 90.0);
  const double fade = day > 365 ? std::max(0.5, 1.0 - (day - 365) / 1460.0) : 1.0;
  return c.peak * build * fade;
}

}  // namespace

// Nine random digits and the check digit that makes a valid national id.
std::string national_id(std::mt19937& rng) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string d;
  for (int i = 0; i < 9; ++i) d.push_back(static_cast<char>('0' + digit(rng)));
  d.push_back(national_id_check_digit(d));
  return d;
}

// The states an episode passes through to reach `target`, in order.
std::vector<EpisodeState> path_to(EpisodeState target) {
  using S = EpisodeState;
  const std::vector<S> main{S::screening, S::eligible,         S::workup,   S::scheduled,
                            S::harvested, S::product_released, S::injected, S::follow_up};
  std::vector<S> path;
  switch (target) {
    case S::referred:
      return {};
    case S::ineligible:
      return {S::screening, S::ineligible};
    case S::completed:
    case S::converted_to_thr:
    case S::lost_to_follow_up:
      path = main;
      path.push_back(target);
      return path;
    case S::withdrawn:
      return {S::screening, S::eligible, S::workup, S::withdrawn};
    default:
      for (S s : main) {
        path.push_back(s);
        if (s == target) break;
      }
      return path;
  }
}

// The clinic's noon (09:00 UTC) of a day, as the fixed clock of the step recorded then.
Clock clock_on(const CivilDate& day) {
  constexpr std::int64_t kNineUtcSeconds = std::int64_t{9} * 3600;
  return Clock::fixed((day.days_since_epoch() * 86400 + kNineUtcSeconds) * 1000);
}

// The day each step of an episode happened, so its history reads in order: referral
// eight weeks before the harvest, a step a week through screening and work-up, the
// product released on the injection day (or, while it waits, the day after harvest),
// follow-up from the injection, completion at the three-year visit. Nothing is dated after `today`; a step never
// precedes the one before it.
CivilDate day_of_step(EpisodeState s, const CivilDate& referral, const CivilDate& harvest, const CivilDate& injection,
                      bool injected, const CivilDate& today) {
  using S = EpisodeState;
  CivilDate d = today;
  switch (s) {
    case S::screening:
      d = referral.plus_days(7);
      break;
    case S::eligible:
    case S::ineligible:
      d = referral.plus_days(14);
      break;
    case S::workup:
      d = referral.plus_days(21);
      break;
    case S::scheduled:
    case S::withdrawn:
      d = referral.plus_days(28);
      break;
    case S::harvested:
      d = harvest;
      break;
    case S::product_released:
      d = injected ? injection : harvest.plus_days(1);
      break;
    case S::injected:
    case S::follow_up:
      d = injection;
      break;
    case S::completed:  // the three-year visit
      d = injection.plus_days(1096);
      break;
    default:
      break;
  }
  return std::min(d, today);
}

Course course_of(std::mt19937& rng) {
  std::discrete_distribution<int> kind{35, 30, 25, 10};  // strong, moderate, none, worse
  std::uniform_int_distribution<int> level(1, 3), pain(4, 9), back(2, 30);
  const double peaks[] = {0.65, 0.35, 0.05, -0.15};
  return {peaks[kind(rng)], level(rng), pain(rng), back(rng)};
}

instruments::SentAnswers demo_answers(std::string_view instrument, const Course& c, int day, const CivilDate& injection,
                                      std::mt19937& rng) {
  std::uniform_int_distribution<int> jitter(-1, 1);
  std::bernoulli_distribution skip(0.04);  // now and then an item is left blank
  const double f = relief(c, day);
  auto item = [&](double base, int lo, int hi) {
    return std::clamp(static_cast<int>(std::lround(base * (1 - f))) + jitter(rng), lo, hi);
  };
  // Items in id order, as the answers_json column keeps them.
  std::map<std::string, instruments::SentValue> a;
  if (instrument == "nrs") {
    const int activity = item(c.pain, 0, 10);
    a["pain_activity"] = activity;
    a["pain_rest"] = std::max(0, activity - 2);
  } else if (instrument == "hoos") {
    for (std::string_view id : instruments::kHoosItemIds)
      if (!skip(rng)) a[std::string(id)] = item(c.level, 0, 4);
  } else if (instrument == "oxford-hip") {
    for (std::string_view id : instruments::kOxfordHipItemIds) a[std::string(id)] = 4 - item(c.level, 0, 4);
  } else if (instrument == "patient-global") {
    a["global"] = std::clamp(static_cast<int>(std::lround(c.pain * 10 * (1 - f))) + 5 * jitter(rng), 0, 100);
  } else if (instrument == "return-to-activity") {
    a["returned_on"] = c.back_after <= day ? injection.plus_days(c.back_after).iso() : std::string("not_yet");
  } else if (instrument == "satisfaction") {
    a["satisfaction"] = f > 0.3 ? 4 + (jitter(rng) > 0) : 2 + jitter(rng);
  }
  instruments::SentAnswers out;
  for (auto& [id, v] : a) out.push_back({id, std::move(v)});
  return out;
}

std::optional<store::QuestionnaireResponseRow> demo_response(const std::string& key, const Course& c,
                                                             const ScheduledItem& item, const CivilDate& injection,
                                                             const std::string& centre_id, const std::string& by,
                                                             std::mt19937& rng) {
  const auto id = instruments::parse_instrument_key(key);
  if (!id || !item.done_on) return std::nullopt;
  const int day = static_cast<int>(item.done_on->days_since_epoch() - injection.days_since_epoch());
  store::QuestionnaireResponseRow r;
  r.centre_id = centre_id;
  r.instrument = key;
  r.item_id = item.id;
  const instruments::SentAnswers answers = demo_answers(key, c, day, injection, rng);
  r.answers_json = store::answers_json(answers);
  const instruments::Scores scores = instruments::score(*id, instruments::answers_from(answers));
  r.scores_json = store::scores_json(scores);
  r.scores = store::typed_scores(scores);
  r.source = "staff";
  r.submitted_by = by;
  r.submitted_at = item.done_on->iso() + "T06:30:00.000Z";
  return r;
}

}  // namespace rp::demo
