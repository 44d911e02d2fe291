#include "api/contract/cross_centre.hpp"

#include <cmath>

namespace rp::api::contract {
namespace {

Figure figure(double v) { return std::isfinite(v) ? Figure(v) : std::nullopt; }

AdjustedComparisonOut comparison(const outcomes::AdjustedComparison& c, const std::vector<bool>& hidden) {
  AdjustedComparisonOut out;
  out.n = c.n;
  out.events = c.events;
  out.adjusted = c.adjusted;
  for (const auto w : c.warnings) {
    const LocalText t = outcomes::fit_warning_text(w);
    out.warnings.push_back({std::string(outcomes::to_string(w)), {t.en, t.fa}});
  }
  out.crude_rate = figure(c.crude_rate);
  for (const auto& t : c.terms)
    out.terms.push_back(
        {t.factor, t.level, t.reference, t.n, figure(t.ratio), figure(t.lower), figure(t.upper), figure(t.p)});
  for (std::size_t i = 0; i < c.units.size(); ++i) {
    const auto& u = c.units[i];
    if (i < hidden.size() && hidden[i]) {
      AdjustedUnitOut unit;
      unit.label = u.label;
      unit.own = u.own;
      unit.suppressed = true;
      out.units.push_back(std::move(unit));
      continue;
    }
    out.units.push_back({u.label, u.own, u.n, figure(u.observed), figure(u.expected), figure(u.ratio),
                         figure(u.adjusted_rate), figure(u.lower95), figure(u.upper95), figure(u.lower998),
                         figure(u.upper998), false});
  }
  for (const auto& l : c.limits)
    out.limits.push_back({l.expected, figure(l.lower95), figure(l.upper95), figure(l.lower998), figure(l.upper998)});
  return out;
}

}  // namespace

CrossCentreOut cross_centre_out(const outcomes::CrossCentre& c, const std::vector<std::string>& time_point_ids,
                                const HiddenUnits& hidden) {
  CrossCentreOut out;
  out.definition = std::string(to_string(c.definition));
  if (c.time_point >= 0 && static_cast<std::size_t>(c.time_point) < time_point_ids.size())
    out.time_point = time_point_ids[static_cast<std::size_t>(c.time_point)];
  out.responders = comparison(c.responders, hidden.responders);
  out.survival = comparison(c.survival, hidden.survival);
  return out;
}

OperatorComparisonOut operator_comparison_out(const outcomes::OperatorComparison& o,
                                              const std::vector<std::string>& time_point_ids) {
  OperatorComparisonOut out{o.centre_id,
                            cross_centre_out(o.figures, time_point_ids),
                            outcomes::kCusumOddsRatio,
                            outcomes::kCusumThreshold,
                            {}};
  for (const auto& c : o.cusums) out.cusums.push_back({c.label, c.value, c.signals});
  return out;
}

}  // namespace rp::api::contract
