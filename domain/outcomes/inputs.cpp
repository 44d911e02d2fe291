// The report's inputs a protocol names: its questionnaires' time points and measures, the
// survival end point and days, the funnel.
#include <cmath>

#include "domain/outcomes/report.hpp"

namespace rp::outcomes {

std::vector<TimePoint> questionnaire_time_points(const Protocol& protocol) {
  std::vector<TimePoint> out;
  std::vector<const ProtocolItem*> items;
  if (const ProtocolItem* baseline = protocol.find_item(protocol.outcomes.baseline)) items.push_back(baseline);
  for (const ProtocolItem& item : protocol.items)
    if (item.id != protocol.outcomes.baseline) items.push_back(&item);
  for (const ProtocolItem* p : items) {
    const ProtocolItem& item = *p;
    if (item.kind != "questionnaire") continue;
    int day = 0;
    if (item.anchor == "injection" && item.at.amount > 0) {
      switch (item.at.unit) {
        case Offset::Unit::days:
          day = item.at.amount;
          break;
        case Offset::Unit::weeks:
          day = 7 * item.at.amount;
          break;
        case Offset::Unit::months:  // a month is 365.25 / 12 days on average
          day = static_cast<int>(std::lround(item.at.amount * 365.25 / 12));
          break;
        case Offset::Unit::years:
          day = static_cast<int>(std::lround(item.at.amount * 365.25));
          break;
      }
    }
    out.push_back({item.id, day, item.title});
  }
  return out;
}

bool definition_asked(ResponderDefinition d, const std::array<bool, kPromMeasures>& asked) {
  auto has = [&](PromMeasure m) { return asked[static_cast<std::size_t>(m)]; };
  switch (d) {
    case ResponderDefinition::omeract_oarsi:
      return has(PromMeasure::hoos_pain) && has(PromMeasure::hoos_adl) && has(PromMeasure::patient_global);
    case ResponderDefinition::nrs_30:
    case ResponderDefinition::nrs_50:
      return has(PromMeasure::nrs_pain);
    case ResponderDefinition::hoos_pain_mcid:
      return has(PromMeasure::hoos_pain);
  }
  return true;
}

OutcomeInputs outcome_inputs(const Protocol& protocol, ClaimSet claims, const CivilDate& as_of,
                             instruments::ResponderThresholds thresholds) {
  OutcomeInputs in;
  in.time_points = questionnaire_time_points(protocol);
  in.thresholds = std::move(thresholds);
  in.as_of = as_of;
  const ProtocolOutcomes& o = protocol.outcomes;
  in.funnel_time_point = o.funnel_time_point;
  if (auto d = parse_responder_definition(o.funnel_definition)) in.funnel_definition = *d;
  in.survival_days.assign(o.survival_days.begin(), o.survival_days.end());
  in.end_point = o.end_point;
  for (const Claim& c : claims.claims)
    if (c.metric == ClaimMetric::serious_adverse_event_rate) in.safety_follow_up_days = c.min_follow_up_days;
  in.measures_asked.fill(false);
  for (const ProtocolItem& item : protocol.items) {
    for (const std::string& instrument : item.instruments) {
      auto ask = [&](PromMeasure m) { in.measures_asked[static_cast<std::size_t>(m)] = true; };
      if (instrument == "nrs") ask(PromMeasure::nrs_pain);
      if (instrument == "hoos") {
        ask(PromMeasure::hoos_pain);
        ask(PromMeasure::hoos_adl);
      }
      if (instrument == "oxford-hip") ask(PromMeasure::oxford_total);
      if (instrument == "patient-global") ask(PromMeasure::patient_global);
    }
  }
  in.claims = std::move(claims);
  return in;
}

}  // namespace rp::outcomes
