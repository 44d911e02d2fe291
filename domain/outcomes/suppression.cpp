#include "domain/outcomes/suppression.hpp"

#include <algorithm>

namespace rp::outcomes {
namespace {

// A count and its complement within a shown n: either under 5 names a few patients
// (4 of 100 responded; 97 of 100 did, so 3 did not).
bool small_split(std::int64_t part, std::int64_t whole) { return small_cell(part) || small_cell(whole - part); }

ScopeSuppression scope_suppression(const ScopeReport& s) {
  ScopeSuppression out;
  out.injected = small_cell(s.injected);
  out.survival_counts = small_cell(s.survival.n) || small_cell(s.survival.events);
  for (const auto& p : s.survival.at) out.at_risk.push_back(small_cell(p.n_risk));
  for (const auto& t : s.trajectories) {
    std::vector<bool> points;
    for (const auto& p : t.points) points.push_back(small_cell(p.n));
    out.trajectory_points.push_back(std::move(points));
  }
  for (const auto& r : s.responders) out.responders.push_back(small_split(r.responders, r.n) || small_cell(r.missing));
  const AdverseEventSummary& a = s.adverse_events;
  const auto grades = cells_to_hide({a.events_by_grade.begin(), a.events_by_grade.end()});
  std::copy(grades.begin(), grades.end(), out.events_by_grade.begin());
  std::vector<std::int64_t> categories;
  for (const auto& [name, count] : a.by_category) categories.push_back(count);
  out.by_category = cells_to_hide(categories);
  out.serious = small_cell(a.serious_events) || small_split(a.patients_with_serious, a.patients);
  for (const auto& c : s.completeness) out.completeness.push_back(small_split(c.received, c.due));
  return out;
}

}  // namespace

bool small_cell(std::int64_t patients) { return patients > 0 && patients < kSmallCell; }

std::vector<bool> cells_to_hide(const std::vector<std::int64_t>& row, bool total_shown) {
  std::vector<bool> hide(row.size());
  int hidden = 0;
  for (std::size_t i = 0; i < row.size(); ++i) hidden += (hide[i] = small_cell(row[i])) ? 1 : 0;
  if (hidden == 1 && total_shown) {
    std::size_t smallest = row.size();
    for (std::size_t i = 0; i < row.size(); ++i)
      if (!hide[i] && row[i] > 0 && (smallest == row.size() || row[i] < row[smallest])) smallest = i;
    if (smallest < row.size()) hide[smallest] = true;
  }
  return hide;
}

bool ScopeSuppression::any() const {
  auto has = [](const std::vector<bool>& v) { return std::find(v.begin(), v.end(), true) != v.end(); };
  bool points = false;
  for (const auto& t : trajectory_points) points = points || has(t);
  return injected || survival_counts || has(at_risk) || points || has(responders) ||
         std::find(events_by_grade.begin(), events_by_grade.end(), true) != events_by_grade.end() || has(by_category) ||
         serious || has(completeness);
}

bool ReportSuppression::any() const {
  return std::any_of(scopes.begin(), scopes.end(), [](const auto& s) { return s.any(); }) ||
         std::find(funnel_centres.begin(), funnel_centres.end(), true) != funnel_centres.end();
}

ReportSuppression small_cell_suppression(const OutcomeReport& report) {
  ReportSuppression out;
  for (const auto& s : report.scopes) out.scopes.push_back(scope_suppression(s));
  // The centres' treated counts beside the overall one: a row with its total shown.
  std::vector<std::int64_t> centres;
  std::vector<std::size_t> centre_scope;
  for (std::size_t i = 0; i < report.scopes.size(); ++i)
    if (report.scopes[i].centre_id) {
      centres.push_back(report.scopes[i].injected);
      centre_scope.push_back(i);
    }
  const auto hide = cells_to_hide(centres);
  for (std::size_t k = 0; k < hide.size(); ++k)
    if (hide[k]) out.scopes[centre_scope[k]].injected = true;
  if (report.funnel)
    for (const auto& c : report.funnel->centres) out.funnel_centres.push_back(small_split(c.responders, c.n));
  return out;
}

}  // namespace rp::outcomes
