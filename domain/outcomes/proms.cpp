// The patient-reported outcomes: each measure's mean and interval per time point, and the
// responder rates of every definition.
#include <algorithm>
#include <array>
#include <cmath>

#include "domain/instruments/responder.hpp"
#include "domain/outcomes/sections.hpp"
#include "stats/distributions.hpp"

namespace rp::outcomes::detail {

// ---- trajectories: mean and t interval per scope, as stats::mean_ci sums them ----

// Measures [from, to); each scope's trajectories are sized beforehand, so two threads can
// fill different measures.
void trajectories(const Registry& r, std::vector<ScopeReport>& scopes, int from, int to) {
  const auto S = static_cast<std::size_t>(r.scopes());
  std::vector<double> sum(S), ss(S), mean(S);
  std::vector<std::int64_t> n(S);
  for (int m = from; m < to; ++m) {
    for (auto& scope : scopes) scope.trajectories[static_cast<std::size_t>(m)] = {static_cast<PromMeasure>(m), {}};
    for (int tp = 0; tp < static_cast<int>(r.in.time_points.size()); ++tp) {
      const ScoreColumn v = r.cols.proms.column(static_cast<PromMeasure>(m), tp);
      std::fill(sum.begin(), sum.end(), 0.0);
      std::fill(ss.begin(), ss.end(), 0.0);
      std::fill(n.begin(), n.end(), 0);
      // Branch-free: a missing value adds exactly 0, so the sums equal mean_ci's over the
      // answered values, in the same order. The overall sum lives in a register; the
      // centres' sums in their own array, so the two never alias.
      const int* centre = r.centre.data();
      double all_sum = 0;
      std::int64_t all_n = 0;
      for (std::size_t i = 0; i < r.size(); ++i) {
        const double vi = v[i];
        const bool answered = vi == vi;
        const double x = answered ? vi : 0.0;
        const auto c = static_cast<std::size_t>(centre[i]) + 1;
        all_sum += x;
        sum[c] += x;
        all_n += answered;
        n[c] += answered;
      }
      sum[0] = all_sum;
      n[0] = all_n;
      for (std::size_t s = 0; s < S; ++s) mean[s] = n[s] > 0 ? sum[s] / static_cast<double>(n[s]) : kNaN;
      double all_ss = 0;
      const double all_mean = mean[0];
      for (std::size_t i = 0; i < r.size(); ++i) {
        const double vi = v[i];
        const bool answered = vi == vi;
        const auto c = static_cast<std::size_t>(centre[i]) + 1;
        all_ss += answered ? (vi - all_mean) * (vi - all_mean) : 0.0;
        ss[c] += answered ? (vi - mean[c]) * (vi - mean[c]) : 0.0;
      }
      ss[0] = all_ss;
      const auto [bottom, top] = scale_of(static_cast<PromMeasure>(m));
      for (std::size_t s = 0; s < S; ++s) {
        TrajectoryPoint p{tp, n[s], mean[s], kNaN, kNaN};
        if (n[s] >= kMinNForInterval) {
          const double k = static_cast<double>(n[s]);
          const double se = std::sqrt(ss[s] / (k - 1) / k);
          const double t = stats::qt(0.975, k - 1);
          p.lower = mean[s] - t * se;
          p.upper = mean[s] + t * se;
          p.truncated = p.lower < bottom || p.upper > top;
          p.lower = std::max(p.lower, bottom);
          p.upper = std::min(p.upper, top);
        }
        scopes[s].trajectories[static_cast<std::size_t>(m)].points.push_back(p);
      }
    }
  }
}

// ---- responders ----

ResponderRate rate_of(ResponderDefinition def, int tp, const Count& c) {
  ResponderRate rate{def, tp, c.n, c.successes, c.missing};
  rate.ci = proportion(c.successes, c.n, false);
  rate.worst_case = proportion(c.successes, c.n + c.missing, false);
  return rate;
}

// Every definition in one pass per time point. The conversion and due checks are shared
// by all definitions; each definition's rule is still the domain's responder function.
void responders(const Registry& r, std::vector<ScopeReport>& scopes) {
  using instruments::OarsiDomains;
  const auto& t = r.in.thresholds;
  const int tps = static_cast<int>(r.in.time_points.size());
  constexpr std::size_t kDefs = 4;  // omeract_oarsi, nrs_30, nrs_50, hoos_pain_mcid
  std::vector<std::array<Count, kDefs>> counts(static_cast<std::size_t>(r.scopes()));
  for (int tp = 1; tp < tps; ++tp) {
    std::fill(counts.begin(), counts.end(), std::array<Count, kDefs>{});
    const int day = r.in.time_points[tp].day;
    auto col = [&](PromMeasure m, int at) { return r.cols.proms.column(m, at); };
    const ScoreColumn nrs0 = col(PromMeasure::nrs_pain, 0), nrs1 = col(PromMeasure::nrs_pain, tp);
    const ScoreColumn pain0 = col(PromMeasure::hoos_pain, 0), pain1 = col(PromMeasure::hoos_pain, tp);
    const ScoreColumn adl0 = col(PromMeasure::hoos_adl, 0), adl1 = col(PromMeasure::hoos_adl, tp);
    const ScoreColumn gl0 = col(PromMeasure::patient_global, 0), gl1 = col(PromMeasure::patient_global, tp);
    for (std::size_t i = 0; i < r.size(); ++i) {
      std::array<Status, kDefs> st;
      if (r.converted_after[i] <= day) {
        st.fill(Status::failure);  // replaced before the time point: a known failure
      } else {
        const Status unknown = r.due(i, tp) ? Status::missing : Status::not_due;
        auto of = [&](bool responded) { return responded ? Status::success : Status::failure; };
        const bool oarsi_known = !std::isnan(pain0[i] + pain1[i] + adl0[i] + adl1[i] + gl0[i] + gl1[i]);
        // OMERACT-OARSI scales are higher = worse; HOOS is higher = better.
        st[0] = oarsi_known
                    ? of(instruments::oarsi_responder(OarsiDomains{100 - pain0[i], 100 - adl0[i], gl0[i]},
                                                      OarsiDomains{100 - pain1[i], 100 - adl1[i], gl1[i]}, t.oarsi)
                             .responder)
                    : unknown;
        if (!std::isnan(nrs0[i] + nrs1[i])) {
          const auto res =
              instruments::immpact_nrs_response(static_cast<int>(nrs0[i]), static_cast<int>(nrs1[i]), t.immpact);
          st[1] = of(res.moderate);
          st[2] = of(res.substantial);
        } else {
          st[1] = st[2] = unknown;
        }
        st[3] = !std::isnan(pain0[i] + pain1[i])
                    ? of(instruments::hoos_pain_mcid(pain0[i], pain1[i], t.hoos_pain_mcid).met)
                    : unknown;
      }
      auto& overall = counts[0];
      auto& centre = counts[static_cast<std::size_t>(r.centre[i]) + 1];
      for (std::size_t d = 0; d < kDefs; ++d) {
        overall[d].add(st[d]);
        centre[d].add(st[d]);
      }
    }
    const auto& defs = all_responder_definitions();
    for (std::size_t s = 0; s < scopes.size(); ++s)
      for (std::size_t d = 0; d < kDefs; ++d) scopes[s].responders.push_back(rate_of(defs[d], tp, counts[s][d]));
  }
}

}  // namespace rp::outcomes::detail
