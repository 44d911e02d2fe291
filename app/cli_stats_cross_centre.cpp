// `regenpath stats cross-centre --csv FILE`: the outcome report's comparison adjusted for
// case mix, computed by the report's own code (compute_outcome_report) on a registry
// described by one CSV row per treated joint. It lets R check the report-level figures
// against glm and coxph on the same data (tests/peers/r_cross_centre.R).
#include <memory>

#include "api/contract/cross_centre.hpp"
#include "api/http/contract.hpp"
#include "app/cli.hpp"
#include "app/stats_columns.hpp"
#include "base/error.hpp"
#include "domain/outcomes/report.hpp"

namespace rp::app {
namespace {

using outcomes::kNoDay;

// Every joint injected on one day; a responder halves their pain NRS (8 to 3) by the
// 6-month time point, a non-responder keeps it (8 to 8). A joint replaced before 6 months
// is a known non-responder, whatever the column says, as the report counts it.
constexpr std::int32_t kInjected = 20089;  // 2025-01-01

std::vector<std::int8_t> factor_column(const CsvTable& t, const std::string& name) {
  std::vector<std::int8_t> out;
  for (double v : numeric_column(t, name)) {
    if (v != static_cast<int>(v) || v < -1 || v > 127)
      throw InputError(name, "case_mix_level_invalid"_err, {{"column", name}, {"row", std::to_string(out.size() + 1)}});
    out.push_back(static_cast<std::int8_t>(v));
  }
  return out;
}

nlohmann::json run_cross_centre(const std::string& csv) {
  const CsvTable t = load(csv);
  const Groups centres = group_column(t, "centre");
  const std::vector<double> days = time_column(t, "days");
  const std::vector<int> event = event_column(t, "event"), responded = event_column(t, "responded");
  outcomes::Columns c;
  c.centre_ids = centres.labels;
  auto& e = c.episodes;
  e.centre.assign(centres.index.begin(), centres.index.end());
  e.age_band = factor_column(t, "age_band");
  e.kl_grade = factor_column(t, "kl_grade");
  e.cell_source = factor_column(t, "cell_source");
  const std::size_t n = days.size();
  c.proms.resize(2, n);
  double longest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto end = kInjected + static_cast<std::int32_t>(days[i]);
    e.injection_day.push_back(kInjected);
    e.converted_day.push_back(event[i] ? end : kNoDay);
    e.last_contact_day.push_back(event[i] ? kNoDay : end);
    e.exit_day.push_back(kNoDay);
    e.repeat_day.push_back(kNoDay);
    c.proms.set(outcomes::PromMeasure::nrs_pain, 0, i, 8);
    c.proms.set(outcomes::PromMeasure::nrs_pain, 1, i, responded[i] ? 3 : 8);
    longest = std::max(longest, days[i]);
  }
  c.adverse_events.untriaged_red_flags.assign(n, 0);
  outcomes::OutcomeInputs in;
  in.time_points = {{"prom-baseline", 0, {"Baseline", "پایه"}}, {"prom-6m", 183, {"6 months", "۶ ماه"}}};
  in.thresholds.immpact.moderate_relative = 0.3;
  in.thresholds.immpact.substantial_relative = 0.5;
  in.funnel_definition = ResponderDefinition::nrs_50;
  in.funnel_time_point = "prom-6m";
  in.as_of = CivilDate::from_days(kInjected + static_cast<std::int64_t>(longest) + 400);
  const auto report = outcomes::compute_outcome_report(c, in, {c.centre_ids, true});
  if (!report.cross_centre) throw InputError("csv", "not_a_follow_up"_err, {{"time_point", "prom-6m"}});
  return api::http::encode(api::contract::cross_centre_out(*report.cross_centre, {"prom-baseline", "prom-6m"}));
}

}  // namespace

void add_cross_centre_stats_command(CLI::App* stats_cmd) {
  auto csv = std::make_shared<std::string>();
  auto* x = stats_cmd->add_subcommand(
      "cross-centre",
      "The outcome report's comparison of centres adjusted for case mix, on a CSV of treated joints (columns centre, "
      "age_band, kl_grade, cell_source: -1 unknown; days, event: follow-up and joint replacement; responded: 0/1 at "
      "6 months)");
  x->add_option("--csv", *csv, "CSV file with a header row")->required();
  x->callback([csv] { print_json(run_cross_centre(*csv)); });
}

}  // namespace rp::app
