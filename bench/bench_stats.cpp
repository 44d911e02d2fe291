// The statistics kernel of the outcomes report on a synthetic registry of 1,000,000
// episodes in 12 centres: Kaplan–Meier overall and per centre, log-rank across
// centres, and per-centre responder rates with Wilson intervals.
// Budget (DESIGN.md): the whole report under 1 s on 2 cores. After the benchmarks it
// runs R's survfit + survdiff on the same data (CSV reading excluded on both sides) and
// prints both times, the ratio and both chi-squares; RP_BENCH_NO_R=1 skips R.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "stats/interval.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"

namespace {

struct Registry {
  std::vector<double> time;  // days to conversion (hip replacement) or censoring
  std::vector<int> event, centre, responder;
};

const Registry& registry() {
  static const Registry r = [] {
    constexpr int kN = 1'000'000, kCentres = 12;
    Registry reg;
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int> centre(0, kCentres - 1);
    std::uniform_real_distribution<double> follow_up(30, 3 * 365);
    std::bernoulli_distribution responds(0.45);
    for (int i = 0; i < kN; ++i) {
      const int c = centre(rng);
      // ~30 % convert within three years; centres differ a little.
      std::exponential_distribution<double> hazard(0.00033 * (1 + 0.05 * c));
      const double t_event = std::ceil(hazard(rng)), t_cens = std::ceil(follow_up(rng));
      reg.time.push_back(std::min(t_event, t_cens));
      reg.event.push_back(t_event <= t_cens ? 1 : 0);
      reg.centre.push_back(c);
      reg.responder.push_back(responds(rng) ? 1 : 0);
    }
    return reg;
  }();
  return r;
}

void BM_OutcomesStatistics(benchmark::State& state) {
  const Registry& reg = registry();
  const std::vector<double> at{14, 183, 365, 730, 1095};
  for (auto _ : state) {
    const rp::stats::SortedSurvival by_centre(reg.time, reg.event, reg.centre, 12);
    const auto curves = rp::stats::kaplan_meier_by_group(by_centre, {});
    const rp::stats::LogRank lr = rp::stats::log_rank(by_centre);
    const rp::stats::KaplanMeier overall = rp::stats::kaplan_meier(rp::stats::pooled_table(by_centre));
    double sink = lr.chisq + rp::stats::km_median(overall).median;
    for (const auto& km : curves) sink += rp::stats::km_at(km, at).back().surv;
    std::vector<std::int64_t> k(12, 0), n(12, 0);
    for (std::size_t i = 0; i < reg.centre.size(); ++i) {
      k[static_cast<std::size_t>(reg.centre[i])] += reg.responder[i];
      ++n[static_cast<std::size_t>(reg.centre[i])];
    }
    for (std::size_t c = 0; c < 12; ++c) sink += rp::stats::wilson(k[c], n[c]).lower;
    benchmark::DoNotOptimize(sink);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(reg.time.size()));
}
BENCHMARK(BM_OutcomesStatistics)->Unit(benchmark::kMillisecond);

void BM_SortOnce(benchmark::State& state) {
  const Registry& reg = registry();
  for (auto _ : state) {
    const rp::stats::SortedSurvival s(reg.time, reg.event, reg.centre, 12);
    benchmark::DoNotOptimize(s.observations().data());
  }
}
BENCHMARK(BM_SortOnce)->Unit(benchmark::kMillisecond);

// KM per centre and overall, medians, survival at fixed days, log-rank: what R is asked too.
struct Figures {
  double chisq, surv_730;  // log-rank statistic; overall survival at two years
};
Figures survival_figures(const Registry& reg) {
  const rp::stats::SortedSurvival by_centre(reg.time, reg.event, reg.centre, 12);
  const std::vector<double> at{14, 183, 365, 730, 1095};
  double sink = 0;
  for (const auto& km : rp::stats::kaplan_meier_by_group(by_centre, {})) {
    sink += rp::stats::km_median(km).median + rp::stats::km_at(km, at).back().surv;
  }
  benchmark::DoNotOptimize(sink);
  const rp::stats::KaplanMeier overall = rp::stats::kaplan_meier(rp::stats::pooled_table(by_centre));
  const double two_years = 730;
  sink += rp::stats::km_median(overall).median;
  return {rp::stats::log_rank(by_centre).chisq, rp::stats::km_at(overall, {&two_years, 1}).front().surv};
}

void compare_with_r() {
  const char* skip = std::getenv("RP_BENCH_NO_R");
  if ((skip != nullptr && std::string(skip) == "1") || std::system("Rscript --version >/dev/null 2>&1") != 0) {
    std::printf("R comparison skipped\n");
    return;
  }
  const Registry& reg = registry();
  const auto dir = std::filesystem::temp_directory_path() / "rp-bench-stats";
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir / "registry.csv");
    csv << "time,event,centre\n";
    for (std::size_t i = 0; i < reg.time.size(); ++i)
      csv << reg.time[i] << ',' << reg.event[i] << ',' << reg.centre[i] << '\n';
  }
  std::ofstream(dir / "peer.R") << "suppressMessages(library(survival))\n"
                                << "d <- read.csv('" << (dir / "registry.csv").string() << "')\n"
                                << "t <- system.time({\n"
                                << "  f <- survfit(Surv(time, event) ~ centre, data = d)\n"
                                << "  tab <- summary(f)$table\n"
                                << "  at <- summary(f, times = c(14, 183, 365, 730, 1095))\n"
                                << "  f0 <- survfit(Surv(time, event) ~ 1, data = d)\n"
                                << "  m0 <- summary(f0)$table[['median']]\n"
                                << "  m <- summary(f0, times = 730)$surv\n"
                                << "  s <- survdiff(Surv(time, event) ~ centre, data = d)\n"
                                << "})\n"
                                << "cat(sprintf('%.17g %.17g %.17g\\n', t[['elapsed']], s$chisq, m))\n";
  const std::string cmd = "Rscript --vanilla " + (dir / "peer.R").string();
  FILE* pipe = ::popen(cmd.c_str(), "r");
  double r_seconds = 0, r_chisq = 0, r_surv = 0;
  const bool ok = pipe != nullptr && std::fscanf(pipe, "%lf %lf %lf", &r_seconds, &r_chisq, &r_surv) == 3;
  if (pipe != nullptr) ::pclose(pipe);
  if (!ok) {
    std::printf("R comparison failed to run: %s (files kept in %s)\n", cmd.c_str(), dir.c_str());
    return;
  }
  std::filesystem::remove_all(dir);
  const auto start = std::chrono::steady_clock::now();
  const Figures ours = survival_figures(reg);
  const double our_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("survfit + survdiff on %zu episodes: R %.3f s, regenpath %.3f s, ratio %.1fx\n", reg.time.size(),
              r_seconds, our_seconds, r_seconds / our_seconds);
  std::printf("log-rank chisq: R %.17g, regenpath %.17g; S(730): R %.17g, regenpath %.17g\n", r_chisq, ours.chisq,
              r_surv, ours.surv_730);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  compare_with_r();
  return 0;
}
