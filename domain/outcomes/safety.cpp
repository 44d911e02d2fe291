// Completeness of follow-up, adverse events (by grade, seriousness and category) and
// repeat treatments.
#include <algorithm>
#include <cmath>

#include "domain/outcomes/sections.hpp"

namespace rp::outcomes::detail {
namespace {

bool answered(const Registry& r, int tp, std::size_t i) {
  for (int m = 0; m < kPromMeasures; ++m)
    if (!std::isnan(r.value(static_cast<PromMeasure>(m), tp, i))) return true;
  return r.cols.proms.returned_after[static_cast<std::size_t>(tp)][i] != kNoDay;
}

}  // namespace

void completeness(const Registry& r, std::vector<ScopeReport>& scopes) {
  for (int tp = 0; tp < static_cast<int>(r.in.time_points.size()); ++tp) {
    const auto counts = r.count([&](std::size_t i) {
      if (r.converted_after[i] <= r.in.time_points[tp].day || !r.due(i, tp)) return Status::not_due;
      return answered(r, tp, i) ? Status::success : Status::missing;
    });
    for (std::size_t s = 0; s < scopes.size(); ++s)
      scopes[s].completeness.push_back({tp, counts[s].n + counts[s].missing, counts[s].successes});
  }
}

std::vector<std::uint8_t> adverse_events(const Registry& r, std::vector<ScopeReport>& scopes) {
  const auto& a = r.cols.adverse_events;
  std::vector<std::uint8_t> serious(r.size(), 0);
  const std::size_t categories = a.category_names.size();
  std::vector<std::vector<std::int64_t>> by_category(scopes.size(), std::vector<std::int64_t>(categories, 0));
  for (std::size_t k = 0; k < a.size(); ++k) {
    const auto row = static_cast<std::size_t>(a.episode_row[k]);
    for (std::size_t s : {std::size_t{0}, static_cast<std::size_t>(r.centre[row]) + 1}) {
      AdverseEventSummary& sum = scopes[s].adverse_events;
      ++sum.events;
      ++sum.events_by_grade[static_cast<std::size_t>(std::clamp<int>(a.ctcae_grade[k], 0, 5))];
      sum.serious_events += a.serious[k];
      sum.not_assessed += a.assessed.empty() || a.assessed[k] == 0 ? 1 : 0;
      if (!a.category.empty()) ++by_category[s][static_cast<std::size_t>(a.category[k])];
    }
    serious[row] |= static_cast<std::uint8_t>(a.serious[k] != 0);
  }
  for (std::size_t i = 0; i < a.untriaged_red_flags.size() && i < r.size(); ++i) {
    scopes[0].adverse_events.untriaged_red_flags += a.untriaged_red_flags[i];
    scopes[static_cast<std::size_t>(r.centre[i]) + 1].adverse_events.untriaged_red_flags += a.untriaged_red_flags[i];
  }
  // The same joints the serious-event claim counts: followed long enough, or harmed sooner.
  const int days = r.in.safety_follow_up_days;
  const auto counts = r.count([&](std::size_t i) {
    if (serious[i]) return Status::success;
    return r.time[i] >= days ? Status::failure : Status::not_due;
  });
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    AdverseEventSummary& sum = scopes[s].adverse_events;
    sum.treated = scopes[s].injected;
    sum.followed_days = days;
    sum.patients = counts[s].n;
    sum.patients_with_serious = counts[s].successes;
    sum.serious_rate = proportion(counts[s].successes, counts[s].n, true);
    for (std::size_t c = 0; c < categories; ++c)
      if (by_category[s][c] > 0) sum.by_category.emplace_back(a.category_names[c], by_category[s][c]);
    std::stable_sort(sum.by_category.begin(), sum.by_category.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
  }
  return serious;
}

void repeats(const Registry& r, std::vector<ScopeReport>& scopes) {
  const auto& repeat = r.cols.episodes.repeat_day;
  std::vector<std::vector<double>> days(scopes.size());
  for (std::size_t i = 0; i < repeat.size() && i < r.size(); ++i) {
    if (repeat[i] == kNoDay) continue;
    const double d = std::max(0, repeat[i] - r.cols.episodes.injection_day[i]);
    days[0].push_back(d);
    days[static_cast<std::size_t>(r.centre[i]) + 1].push_back(d);
  }
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    RepeatSummary& out = scopes[s].repeats;
    auto& d = days[s];
    out.repeated = static_cast<std::int64_t>(d.size());
    out.median_days = kNaN;
    if (d.empty()) continue;
    std::sort(d.begin(), d.end());
    const std::size_t mid = d.size() / 2;
    out.median_days = d.size() % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
    out.min_days = static_cast<std::int64_t>(d.front());
    out.max_days = static_cast<std::int64_t>(d.back());
  }
}

}  // namespace rp::outcomes::detail
