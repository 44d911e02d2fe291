#include "domain/outcomes/suppression.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

namespace rp::outcomes {
namespace {

// A count and its complement within a shown n: either under 5 names a few patients
// (4 of 100 responded; 97 of 100 did, so 3 did not).
bool small_split(std::int64_t part, std::int64_t whole) { return small_cell(part) || small_cell(whole - part); }

// Observed counts are sums of 0/1 outcomes, kept as doubles by the models.
std::int64_t whole(double count) { return std::isfinite(count) ? std::llround(count) : 0; }

bool has(const std::vector<bool>& v) { return std::find(v.begin(), v.end(), true) != v.end(); }

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
  out.events = small_cell(a.events);
  out.not_assessed = small_cell(a.not_assessed);
  out.untriaged_red_flags = small_cell(a.untriaged_red_flags);
  out.serious = small_cell(a.serious_events) || small_split(a.patients_with_serious, a.patients);
  for (const auto& c : s.completeness) out.completeness.push_back(small_split(c.received, c.due));
  out.repeats = small_cell(s.repeats.repeated);
  for (const auto& c : s.claims)
    out.claims.push_back(small_split(c.measured.events, c.measured.n) || small_cell(c.measured.missing));
  return out;
}

// The other centres' part of the overall figures, as a centre's staff could compute it:
// the overall counts less their own centre's.
ScopeReport others(const ScopeReport& overall, const ScopeReport& own) {
  ScopeReport d = overall;
  d.injected -= own.injected;
  d.survival.n -= own.survival.n;
  d.survival.events -= own.survival.events;
  for (std::size_t i = 0; i < d.survival.at.size() && i < own.survival.at.size(); ++i)
    d.survival.at[i].n_risk -= own.survival.at[i].n_risk;
  for (std::size_t t = 0; t < d.trajectories.size() && t < own.trajectories.size(); ++t)
    for (std::size_t i = 0; i < d.trajectories[t].points.size() && i < own.trajectories[t].points.size(); ++i)
      d.trajectories[t].points[i].n -= own.trajectories[t].points[i].n;
  for (std::size_t i = 0; i < d.responders.size() && i < own.responders.size(); ++i) {
    d.responders[i].n -= own.responders[i].n;
    d.responders[i].responders -= own.responders[i].responders;
    d.responders[i].missing -= own.responders[i].missing;
  }
  AdverseEventSummary& a = d.adverse_events;
  const AdverseEventSummary& o = own.adverse_events;
  for (std::size_t g = 0; g < a.events_by_grade.size(); ++g) a.events_by_grade[g] -= o.events_by_grade[g];
  for (auto& [name, count] : a.by_category)
    for (const auto& [own_name, own_count] : o.by_category)
      if (own_name == name) count -= own_count;
  a.events -= o.events;
  a.not_assessed -= o.not_assessed;
  a.untriaged_red_flags -= o.untriaged_red_flags;
  a.serious_events -= o.serious_events;
  a.patients -= o.patients;
  a.patients_with_serious -= o.patients_with_serious;
  for (std::size_t i = 0; i < d.completeness.size() && i < own.completeness.size(); ++i) {
    d.completeness[i].due -= own.completeness[i].due;
    d.completeness[i].received -= own.completeness[i].received;
  }
  d.repeats.repeated -= own.repeats.repeated;
  for (std::size_t i = 0; i < d.claims.size() && i < own.claims.size(); ++i) {
    d.claims[i].measured.n -= own.claims[i].measured.n;
    d.claims[i].measured.events -= own.claims[i].measured.events;
    d.claims[i].measured.missing -= own.claims[i].measured.missing;
  }
  return d;
}

// Each count of a scope with the flag that hides it, under a key that names the same
// count in every scope: f(key, patients, flag), the flag a bool& or a vector<bool> proxy.
// `patients` is whom the cell is about (for a rate, those counted and those missing).
template <class F>
void each_cell(const ScopeReport& s, ScopeSuppression& h, F&& f) {
  const auto at = [](std::vector<bool>& v, std::size_t i) {
    if (v.size() <= i) v.resize(i + 1);
    return v[i];
  };
  f("injected", s.injected, h.injected);
  f("survival", s.survival.n, h.survival_counts);
  for (std::size_t i = 0; i < s.survival.at.size(); ++i)
    f("at_risk/" + std::to_string(i), s.survival.at[i].n_risk, at(h.at_risk, i));
  h.trajectory_points.resize(s.trajectories.size());
  for (std::size_t t = 0; t < s.trajectories.size(); ++t)
    for (std::size_t i = 0; i < s.trajectories[t].points.size(); ++i)
      f("trajectory/" + std::to_string(t) + "/" + std::to_string(i), s.trajectories[t].points[i].n,
        at(h.trajectory_points[t], i));
  for (std::size_t i = 0; i < s.responders.size(); ++i)
    f("responders/" + std::to_string(i), s.responders[i].n + s.responders[i].missing, at(h.responders, i));
  const AdverseEventSummary& a = s.adverse_events;
  for (std::size_t g = 0; g < a.events_by_grade.size(); ++g)
    f("grade/" + std::to_string(g), a.events_by_grade[g], h.events_by_grade[g]);
  for (std::size_t i = 0; i < a.by_category.size(); ++i)
    f("category/" + a.by_category[i].first, a.by_category[i].second, at(h.by_category, i));
  f("events", a.events, h.events);
  f("not_assessed", a.not_assessed, h.not_assessed);
  f("untriaged_red_flags", a.untriaged_red_flags, h.untriaged_red_flags);
  f("serious", a.serious_events, h.serious);
  for (std::size_t i = 0; i < s.completeness.size(); ++i)
    f("completeness/" + std::to_string(i), s.completeness[i].due, at(h.completeness, i));
  f("repeats", s.repeats.repeated, h.repeats);
  for (std::size_t i = 0; i < s.claims.size(); ++i)
    f("claims/" + std::to_string(i), s.claims[i].measured.n + s.claims[i].measured.missing, at(h.claims, i));
}

// The centres' scopes side by side, each count beside the overall one as its total: where
// exactly one centre's is hidden, the smallest other centre's that the reader does not
// own goes too, so the hidden one does not follow from the overall figure.
void hide_beside_totals(const OutcomeReport& report, const std::vector<bool>& own, ReportSuppression& out) {
  struct Entry {
    std::size_t scope;
    std::int64_t patients;
    bool hidden;
  };
  std::map<std::string, std::vector<Entry>> rows;
  for (std::size_t k = 0; k < report.scopes.size(); ++k)
    if (report.scopes[k].centre_id && !own[k])
      each_cell(report.scopes[k], out.scopes[k], [&](const std::string& key, std::int64_t patients, bool hidden) {
        rows[key].push_back({k, patients, hidden});
      });
  std::set<std::pair<std::size_t, std::string>> also;
  for (const auto& [key, row] : rows) {
    if (std::count_if(row.begin(), row.end(), [](const Entry& e) { return e.hidden; }) != 1) continue;
    const Entry* smallest = nullptr;
    for (const auto& e : row)
      if (!e.hidden && e.patients > 0 && (!smallest || e.patients < smallest->patients)) smallest = &e;
    if (smallest) also.insert({smallest->scope, key});
  }
  for (std::size_t k = 0; k < report.scopes.size(); ++k)
    each_cell(report.scopes[k], out.scopes[k], [&](const std::string& key, std::int64_t, auto&& flag) {
      if (also.count({k, key})) flag = true;
    });
}

// A row of units beside its shown total: each unit hidden when `small` says so, unless it
// is the reader's own; and when exactly one is hidden, the smallest other unit that is not
// the reader's own too, so the hidden one does not follow from the total.
std::vector<bool> hide_units(const std::vector<bool>& small, const std::vector<std::int64_t>& sizes,
                             const std::vector<bool>& own) {
  std::vector<bool> hide(small.size());
  int hidden = 0;
  for (std::size_t i = 0; i < small.size(); ++i) hidden += (hide[i] = small[i] && !own[i]) ? 1 : 0;
  if (hidden != 1) return hide;
  std::size_t smallest = hide.size();
  for (std::size_t i = 0; i < hide.size(); ++i)
    if (!hide[i] && !own[i] && sizes[i] > 0 && (smallest == hide.size() || sizes[i] < sizes[smallest])) smallest = i;
  if (smallest < hide.size()) hide[smallest] = true;
  return hide;
}

std::vector<bool> hide_adjusted(const AdjustedComparison& c, const std::optional<std::string>& own_centre) {
  std::vector<bool> small, own;
  std::vector<std::int64_t> sizes;
  for (const auto& u : c.units) {
    small.push_back(small_cell(u.n) || small_split(whole(u.observed), u.n));
    own.push_back(own_centre && u.label == *own_centre);
    sizes.push_back(u.n);
  }
  return hide_units(small, sizes, own);
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
  bool points = false;
  for (const auto& t : trajectory_points) points = points || has(t);
  return injected || survival_counts || has(at_risk) || points || has(responders) ||
         std::find(events_by_grade.begin(), events_by_grade.end(), true) != events_by_grade.end() || has(by_category) ||
         events || not_assessed || untriaged_red_flags || serious || has(completeness) || repeats || has(claims);
}

bool ReportSuppression::any() const {
  return std::any_of(scopes.begin(), scopes.end(), [](const auto& s) { return s.any(); }) || has(funnel_centres) ||
         has(log_rank_groups) || has(cross_centre_responders) || has(cross_centre_survival);
}

ReportSuppression small_cell_suppression(const OutcomeReport& report, const std::optional<std::string>& own_centre) {
  ReportSuppression out;
  const auto is_own = [&](const std::string& label) { return own_centre && label == *own_centre; };
  const ScopeReport* own_scope = nullptr;
  for (const auto& s : report.scopes)
    if (s.centre_id && is_own(*s.centre_id)) own_scope = &s;
  for (const auto& s : report.scopes) {
    if (s.centre_id && is_own(*s.centre_id)) {
      out.scopes.emplace_back();  // their own centre: every figure
      continue;
    }
    // The overall figures, to a centre's staff, tell of the other centres only through
    // what is left once their own are taken away.
    out.scopes.push_back(scope_suppression(!s.centre_id && own_scope ? others(s, *own_scope) : s));
  }
  std::vector<bool> own;
  for (const auto& s : report.scopes) own.push_back(s.centre_id && is_own(*s.centre_id));
  hide_beside_totals(report, own, out);
  std::vector<bool> small;
  std::vector<std::int64_t> sizes;
  if (report.funnel) {
    small.clear(), own.clear(), sizes.clear();
    for (const auto& c : report.funnel->centres) {
      small.push_back(small_split(c.responders, c.n));
      own.push_back(is_own(c.label));
      sizes.push_back(c.n);
    }
    out.funnel_centres = hide_units(small, sizes, own);
  }
  if (report.log_rank) {
    small.clear(), own.clear(), sizes.clear();
    const stats::LogRank& t = report.log_rank->test;
    for (std::size_t g = 0; g < t.n.size(); ++g) {
      small.push_back(small_split(whole(t.observed[g]), t.n[g]));
      own.push_back(g < report.log_rank->labels.size() && is_own(report.log_rank->labels[g]));
      sizes.push_back(t.n[g]);
    }
    out.log_rank_groups = hide_units(small, sizes, own);
  }
  if (report.cross_centre) {
    out.cross_centre_responders = hide_adjusted(report.cross_centre->responders, own_centre);
    out.cross_centre_survival = hide_adjusted(report.cross_centre->survival, own_centre);
  }
  return out;
}

}  // namespace rp::outcomes
