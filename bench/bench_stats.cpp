// The statistics kernel of the outcomes report on a synthetic registry of 1,000,000
// episodes in 12 centres: Kaplan–Meier overall and per centre, log-rank across
// centres, and per-centre responder rates with Wilson intervals.
// Budget (DESIGN.md): the whole report under 1 s on 2 cores.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
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

}  // namespace

BENCHMARK_MAIN();
