// The whole outcome report on a generated registry of 1,000,000 episodes in 12 centres
// (PROMs at every time point, about 30 % conversions to hip replacement within three
// years, staggered entry and losses to follow-up), built straight into the column arrays
// the store hands to the statistics. Then R's survfit + survdiff on the same survival
// data in the same run (CSV reading excluded on both sides): both times, the ratio, and
// whether the figures agree.
//
//   bench_outcomes [--episodes N] [--no-r]
//   bench_outcomes --emit DIR [--episodes N]   writes registry.csv and report.json for
//                                              tests/peers/r_outcomes.R and exits
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "api/contract/reports.hpp"
#include "domain/adverse_event.hpp"
#include "domain/claims.hpp"
#include "domain/instruments/responder_thresholds.hpp"
#include "service/outcomes.hpp"
#include "service/protocols.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"

namespace {

using rp::service::OutcomeInputs;
using rp::store::OutcomeColumns;
using rp::store::PromMeasure;

OutcomeInputs inputs() {
  const auto& entry = rp::service::catalogue_entry("hip-msc-v1");
  return rp::service::outcome_inputs(*entry.protocol, *entry.claims, rp::CivilDate::from_ymd(2026, 11, 24),
                                     rp::service::responder_thresholds());
}

OutcomeColumns generate(std::size_t n, const OutcomeInputs& in) {
  constexpr int kCentres = 12;
  OutcomeColumns c;
  for (int k = 0; k < kCentres; ++k) c.centre_ids.push_back("centre-" + std::to_string(10 + k));
  const int tps = static_cast<int>(in.time_points.size());
  c.proms.resize(tps, n);
  auto& e = c.episodes;
  const auto as_of = static_cast<std::int32_t>(in.as_of.days_since_epoch());
  std::mt19937_64 rng(20261124);
  std::uniform_int_distribution<int> centre(0, kCentres - 1), entry(20, 4 * 365), jitter(-1, 1), back(2, 30);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> peak(0.3, 0.3);
  for (std::size_t i = 0; i < n; ++i) {
    const int ctr = centre(rng);
    const std::int32_t injected = as_of - entry(rng);
    // About 30 % convert within three years; centres differ a little.
    std::exponential_distribution<double> hazard(0.0004 * (1 + 0.04 * ctr));
    const auto t_event = static_cast<std::int32_t>(std::ceil(hazard(rng)));
    // Patients leave follow-up at random, on top of the staggered entry.
    std::exponential_distribution<double> dropout(0.0002);
    const std::int32_t open = as_of - injected;
    const auto t_censor = std::min(open, static_cast<std::int32_t>(std::ceil(dropout(rng))));
    e.centre.push_back(ctr);
    e.injection_day.push_back(injected);
    const bool converted = t_event <= t_censor;
    e.converted_day.push_back(converted ? injected + t_event : rp::store::kNoDay);
    e.exit_day.push_back(!converted && t_censor < open ? injected + t_censor : rp::store::kNoDay);
    e.last_contact_day.push_back(injected + (converted ? t_event : t_censor));
    // One joint in a hundred treated again within its follow-up (not a survival event
    // under the seed protocol's end point).
    e.repeat_day.push_back(!converted && t_censor > 400 && unit(rng) < 0.01 ? injected + 365 : rp::store::kNoDay);
    const double p = peak(rng);
    const double nrs0 = 4 + static_cast<int>(unit(rng) * 6), hoos0 = 30 + 40 * unit(rng);
    const std::int32_t followed = converted ? t_event : t_censor;
    for (int tp = 0; tp < tps; ++tp) {
      const int day = in.time_points[tp].day;
      c.proms.window_end_day[tp][i] = injected + day + 30;
      if (day > followed || unit(rng) < 0.1) continue;  // not reached, or not answered
      const double f = tp == 0 ? 0 : p * std::min(1.0, day / 90.0);
      const double nrs = std::clamp(std::round(nrs0 * (1 - f)) + jitter(rng), 0.0, 10.0);
      // Each score on its instrument's steps, as scored answers are: HOOS pain 100 - 2.5 x
      // the sum of its 10 items, ADL 100 - 100/68 x the sum of its 17, Oxford and the
      // global whole numbers.
      const auto on_steps = [](double v, double step, double top) {
        return std::clamp(top - step * std::round((top - v) / step), 0.0, top);
      };
      c.proms.set(PromMeasure::nrs_pain, tp, i, nrs);
      c.proms.set(PromMeasure::hoos_pain, tp, i, on_steps(hoos0 + (100 - hoos0) * f + 2.5 * jitter(rng), 2.5, 100));
      c.proms.set(PromMeasure::hoos_adl, tp, i,
                  on_steps(hoos0 + 5 + (95 - hoos0) * f + 1.47 * jitter(rng), 100.0 / 68, 100));
      c.proms.set(PromMeasure::oxford_total, tp, i, std::round(std::clamp(20 + 20 * f + jitter(rng), 0.0, 48.0)));
      c.proms.set(PromMeasure::patient_global, tp, i, std::round(std::clamp(10 * nrs + 5 * jitter(rng), 0.0, 100.0)));
      if (day > 0 && day <= 42) {
        const int b = back(rng);
        c.proms.returned_after[tp][i] = b <= day ? b : rp::store::PromColumns::kNotYet;
      }
    }
    if (unit(rng) < 0.05) {
      c.adverse_events.episode_row.push_back(static_cast<std::int32_t>(i));
      c.adverse_events.ctcae_grade.push_back(static_cast<std::int8_t>(1 + (unit(rng) < 0.2) + (unit(rng) < 0.05)));
      c.adverse_events.serious.push_back(static_cast<std::int8_t>(unit(rng) < 0.08));
      c.adverse_events.assessed.push_back(1);
      c.adverse_events.category.push_back(static_cast<std::int16_t>(unit(rng) * 11));
    }
  }
  for (std::string_view name : rp::adverse_event_categories()) c.adverse_events.category_names.emplace_back(name);
  c.adverse_events.untriaged_red_flags.assign(n, 0);
  return c;
}

// Follow-up time and event, as the report derives them, for R.
void write_csv(const OutcomeColumns& c, const std::string& path) {
  std::ofstream out(path);
  out << "time,event,centre\n";
  const auto& e = c.episodes;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const bool event = e.converted_day[i] != rp::store::kNoDay;
    const std::int32_t end =
        event ? e.converted_day[i] : std::max({e.injection_day[i], e.last_contact_day[i], e.exit_day[i]});
    out << end - e.injection_day[i] << ',' << (event ? 1 : 0) << ',' << e.centre[i] << '\n';
  }
}

// The survival part of the report alone (what R is asked to do): per-centre and overall
// Kaplan–Meier read at the report's days, medians, and log-rank. Best of three, seconds.
double survival_only_seconds(const OutcomeColumns& c) {
  const auto& e = c.episodes;
  std::vector<double> time(e.size());
  std::vector<int> event(e.size()), centre(e.centre.begin(), e.centre.end());
  for (std::size_t i = 0; i < e.size(); ++i) {
    event[i] = e.converted_day[i] != rp::store::kNoDay;
    time[i] = (event[i] ? e.converted_day[i] : std::max({e.injection_day[i], e.last_contact_day[i], e.exit_day[i]})) -
              e.injection_day[i];
  }
  const std::vector<double> days{0, 182, 365, 548, 730, 913, 1095};
  double best = 1e9, sink = 0;
  for (int round = 0; round < 3; ++round) {
    const auto start = std::chrono::steady_clock::now();
    const rp::stats::SortedSurvival sorted(time, event, centre, static_cast<int>(c.centre_ids.size()));
    for (const auto& km : rp::stats::kaplan_meier_by_group(sorted))
      sink += rp::stats::km_at(km, days).back().surv + rp::stats::km_median(km).median;
    const auto overall = rp::stats::kaplan_meier(rp::stats::pooled_table(sorted));
    sink += rp::stats::km_at(overall, days).back().surv + rp::stats::km_median(overall).median;
    sink += rp::stats::log_rank(sorted).chisq;
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (sink == 42) std::printf(" ");  // keeps the work observable
  return best;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The report as the API answers it (and the command line prints it).
nlohmann::json report_json(const rp::service::OutcomeReport& report) {
  return rp::api::http::encode(rp::api::contract::outcome_report_out(report));
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 1'000'000;
  bool run_r = true;
  std::string emit;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--episodes" && a + 1 < argc) n = std::stoul(argv[++a]);
    if (arg == "--no-r") run_r = false;
    if (arg == "--emit" && a + 1 < argc) emit = argv[++a];
  }
  const OutcomeInputs in = inputs();
  auto start = std::chrono::steady_clock::now();
  const OutcomeColumns columns = generate(n, in);
  std::printf("generated %zu episodes in %.2f s\n", n, seconds_since(start));
  rp::service::ReportView view{columns.centre_ids, true};

  if (!emit.empty()) {
    std::filesystem::create_directories(emit);
    write_csv(columns, emit + "/registry.csv");
    std::ofstream(emit + "/report.json") << report_json(rp::service::compute_outcome_report(columns, in, view));
    return 0;
  }

  double best = 1e9;
  rp::service::OutcomeReport report;
  for (int round = 0; round < 3; ++round) {
    start = std::chrono::steady_clock::now();
    report = rp::service::compute_outcome_report(columns, in, view);
    best = std::min(best, seconds_since(start));
  }
  start = std::chrono::steady_clock::now();
  const std::string json = report_json(report).dump();
  std::printf(
      "regenpath full outcome report (13 scopes, KM, log-rank, trajectories, responders, AEs, completeness, "
      "funnel, claims): %.3f s (best of 3); JSON %.3f s, %zu bytes\n",
      best, seconds_since(start), json.size());
  const auto& overall = report.scopes[0];
  double ours_730 = NAN;
  for (const auto& p : overall.survival.at)
    if (p.time == 730) ours_730 = p.surv;
  std::printf("overall: n %lld, conversions %lld, S(730) %.17g, log-rank chisq %.17g\n",
              static_cast<long long>(overall.survival.n), static_cast<long long>(overall.survival.events), ours_730,
              report.log_rank ? report.log_rank->test.chisq : NAN);
  if (!run_r || std::system("Rscript --version >/dev/null 2>&1") != 0) {
    std::printf("R comparison skipped\n");
    return 0;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("rp-bench-outcomes-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_csv(columns, (dir / "registry.csv").string());
  std::ofstream(dir / "peer.R") << "suppressMessages(library(survival))\n"
                                << "d <- read.csv('" << (dir / "registry.csv").string() << "')\n"
                                << "t <- system.time({\n"
                                << "  f <- survfit(Surv(time, event) ~ centre, data = d)\n"
                                << "  at <- summary(f, times = c(0, 182, 365, 548, 730, 913, 1095))\n"
                                << "  tab <- summary(f)$table\n"
                                << "  f0 <- survfit(Surv(time, event) ~ 1, data = d)\n"
                                << "  m0 <- summary(f0)$table[['median']]\n"
                                << "  s730 <- summary(f0, times = 730)$surv\n"
                                << "  s <- survdiff(Surv(time, event) ~ centre, data = d)\n"
                                << "})\n"
                                << "cat(sprintf('%.17g %.17g %.17g\\n', t[['elapsed']], s$chisq, s730))\n";
  const std::string cmd = "Rscript --vanilla " + (dir / "peer.R").string();
  FILE* pipe = ::popen(cmd.c_str(), "r");
  double r_seconds = 0, r_chisq = 0, r_730 = 0;
  const bool ok = pipe != nullptr && std::fscanf(pipe, "%lf %lf %lf", &r_seconds, &r_chisq, &r_730) == 3;
  if (pipe != nullptr) ::pclose(pipe);
  std::filesystem::remove_all(dir);
  if (!ok) {
    std::printf("R comparison failed to run\n");
    return 1;
  }
  const bool agree = std::abs(r_730 - ours_730) <= 1e-9 &&
                     std::abs(r_chisq - report.log_rank->test.chisq) <= 1e-9 * std::max(1.0, std::abs(r_chisq));
  const double survival_only = survival_only_seconds(columns);
  std::printf("R survfit + survdiff (survival only): %.3f s; regenpath full report: %.3f s; ratio %.1fx\n", r_seconds,
              best, r_seconds / best);
  std::printf("same work as R (survival only): regenpath %.3f s; ratio %.1fx\n", survival_only,
              r_seconds / survival_only);
  std::printf("S(730): R %.17g, regenpath %.17g; chisq: R %.17g, regenpath %.17g; %s\n", r_730, ours_730, r_chisq,
              report.log_rank->test.chisq, agree ? "figures agree to 1e-9" : "FIGURES DIFFER");
  return agree ? 0 : 1;
}
