#pragma once
// Small hand-made registries for the outcome report: a builder for the column arrays and
// the inputs (two time points, the shipped thresholds), so each test states its patients.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "service/outcomes.hpp"

namespace rp::test {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(RP_SOURCE_DIR) + "/" + relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Day 0 of every registry here is 2025-01-01; the report is made `as_of_offset` days later.
inline constexpr std::int32_t kDay0 = 20089;  // 2025-01-01

struct PatientSpec {
  int centre = 0;
  int followed = 0;  // days of follow-up (to the conversion when converted)
  bool converted = false;
  double nrs0 = NAN, nrs6 = NAN;  // NRS at baseline and at the 6-month time point
  double hoos0 = NAN, hoos6 = NAN;
  int returned_after = store::kNoDay;  // answer at the 2-week time point
  bool serious_event = false;
};

inline service::OutcomeInputs small_inputs(int as_of_offset) {
  service::OutcomeInputs in;
  in.as_of = CivilDate::from_days(kDay0 + as_of_offset);
  in.time_points = {{"prom-baseline", 0, {"Baseline", "پایه"}},
                    {"prom-2w", 14, {"2 weeks", "۲ هفته"}},
                    {"prom-6m", 183, {"6 months", "۶ ماه"}}};
  in.thresholds = instruments::parse_responder_thresholds(read_source_file("instruments/responder-thresholds.yaml"),
                                                          "responder-thresholds.yaml");
  in.funnel_time_point = "prom-6m";
  return in;
}

// Every patient injected on day 0; each time point's window closes 7 days after it.
inline store::OutcomeColumns registry(const std::vector<PatientSpec>& patients, int centres = 2) {
  store::OutcomeColumns c;
  for (int k = 0; k < centres; ++k) c.centre_ids.push_back("centre-" + std::string(1, static_cast<char>('a' + k)));
  c.proms.resize(3, patients.size());
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const PatientSpec& p = patients[i];
    c.episodes.centre.push_back(p.centre);
    c.episodes.injection_day.push_back(kDay0);
    c.episodes.converted_day.push_back(p.converted ? kDay0 + p.followed : store::kNoDay);
    c.episodes.exit_day.push_back(store::kNoDay);
    c.episodes.last_contact_day.push_back(p.converted ? store::kNoDay : kDay0 + p.followed);
    c.episodes.repeat_day.push_back(store::kNoDay);
    const int days[] = {0, 14, 183};
    for (int tp = 0; tp < 3; ++tp) c.proms.window_end_day[tp][i] = kDay0 + days[tp] + 7;
    auto set = [&](store::PromMeasure m, int tp, double v) { c.proms.set(m, tp, i, v); };
    set(store::PromMeasure::nrs_pain, 0, p.nrs0);
    set(store::PromMeasure::nrs_pain, 2, p.nrs6);
    set(store::PromMeasure::hoos_pain, 0, p.hoos0);
    set(store::PromMeasure::hoos_pain, 2, p.hoos6);
    c.proms.returned_after[1][i] = p.returned_after;
    if (p.serious_event) {
      c.adverse_events.episode_row.push_back(static_cast<std::int32_t>(i));
      c.adverse_events.ctcae_grade.push_back(3);
      c.adverse_events.serious.push_back(1);
      c.adverse_events.assessed.push_back(1);
      c.adverse_events.category.push_back(0);
    }
  }
  c.adverse_events.category_names = {"infection"};
  c.adverse_events.untriaged_red_flags.assign(patients.size(), 0);
  return c;
}

inline Claim claim_of(ClaimMetric metric, double low, double high, std::int64_t min_n, int min_follow_up) {
  Claim c;
  c.id = "test-claim";
  c.metric = metric;
  c.low = low;
  c.high = high;
  c.min_n = min_n;
  c.min_follow_up_days = min_follow_up;
  c.favourable = metric == ClaimMetric::serious_adverse_event_rate ? Favourable::low : Favourable::high;
  return c;
}

}  // namespace rp::test
