// The claims audit: each claim measured in every scope and judged (domain/claims.hpp).
#include <algorithm>
#include <cmath>
#include <optional>

#include "domain/instruments/responder.hpp"
#include "domain/outcomes/sections.hpp"

namespace rp::outcomes::detail {

Status responder_status(const Registry& r, ResponderDefinition def, int tp, std::size_t i) {
  using instruments::OarsiDomains;
  if (r.converted_after[i] <= r.in.time_points[tp].day) return Status::failure;  // replaced before: a known failure
  const auto& t = r.in.thresholds;
  std::optional<bool> responded;
  switch (def) {
    case ResponderDefinition::omeract_oarsi: {
      const double bp = r.value(PromMeasure::hoos_pain, 0, i), fp = r.value(PromMeasure::hoos_pain, tp, i);
      const double bf = r.value(PromMeasure::hoos_adl, 0, i), ff = r.value(PromMeasure::hoos_adl, tp, i);
      const double bg = r.value(PromMeasure::patient_global, 0, i), fg = r.value(PromMeasure::patient_global, tp, i);
      if (!std::isnan(bp + fp + bf + ff + bg + fg)) {
        // OMERACT-OARSI scales are higher = worse; HOOS is higher = better.
        responded = instruments::oarsi_responder(OarsiDomains{100 - bp, 100 - bf, bg},
                                                 OarsiDomains{100 - fp, 100 - ff, fg}, t.oarsi)
                        .responder;
      }
      break;
    }
    case ResponderDefinition::nrs_30:
    case ResponderDefinition::nrs_50: {
      const double b = r.value(PromMeasure::nrs_pain, 0, i), f = r.value(PromMeasure::nrs_pain, tp, i);
      if (!std::isnan(b + f)) {
        const auto res = instruments::immpact_nrs_response(static_cast<int>(b), static_cast<int>(f), t.immpact);
        responded = def == ResponderDefinition::nrs_30 ? res.moderate : res.substantial;
      }
      break;
    }
    case ResponderDefinition::hoos_pain_mcid: {
      const double b = r.value(PromMeasure::hoos_pain, 0, i), f = r.value(PromMeasure::hoos_pain, tp, i);
      if (!std::isnan(b + f)) responded = instruments::hoos_pain_mcid(b, f, t.hoos_pain_mcid).met;
      break;
    }
  }
  if (responded) return *responded ? Status::success : Status::failure;
  return r.due(i, tp) ? Status::missing : Status::not_due;
}

namespace {

ClaimMeasurement measurement(const Count& c, bool exact, Favourable favourable, int longest) {
  ClaimMeasurement m;
  m.n = c.n;
  m.events = c.successes;
  m.missing = c.missing;
  const stats::Interval ci = proportion(c.successes, c.n, exact);
  m.estimate = ci.estimate;
  m.lower = ci.lower;
  m.upper = ci.upper;
  const std::int64_t worst_k = favourable == Favourable::high ? c.successes : c.successes + c.missing;
  const stats::Interval worst = proportion(worst_k, c.n + c.missing, exact);
  m.worst_estimate = worst.estimate;
  m.worst_lower = worst.lower;
  m.worst_upper = worst.upper;
  m.longest_follow_up_days = longest;
  return m;
}

// Back to usual activities by `day`: any answer dated within it is a success; a later date,
// or "not yet" at a time point on or after it, a failure.
Status back_by(const Registry& r, int day, int first_tp_after, std::size_t i) {
  const auto& ret = r.cols.proms.returned_after;
  bool failed = r.converted_after[i] <= day;
  for (int tp = 1; tp < static_cast<int>(ret.size()); ++tp) {
    const std::int32_t v = ret[static_cast<std::size_t>(tp)][i];
    if (v == kNoDay) continue;
    if (v >= 0 && v <= day) return Status::success;
    if (v > day || r.in.time_points[tp].day >= day) failed = true;
  }
  if (failed) return Status::failure;
  const bool due = first_tp_after >= 0 ? r.due(i, first_tp_after) : r.as_of - r.cols.episodes.injection_day[i] > day;
  return due ? Status::missing : Status::not_due;
}

}  // namespace

std::vector<ClaimResult> evaluate_claim(const Registry& r, const Claim& claim, const std::vector<ScopeReport>& scopes,
                                        const std::vector<stats::KaplanMeier>& curves,
                                        const std::vector<std::uint8_t>& serious) {
  std::vector<Count> counts;
  bool exact = false;
  switch (claim.metric) {
    case ClaimMetric::responder_rate: {
      // Already counted for the responder section.
      const int tp = time_point_index(r.in, claim.time_point, claim.id);
      for (const auto& scope : scopes)
        for (const auto& rate : scope.responders)
          if (rate.definition == *claim.definition && rate.time_point == tp)
            counts.push_back({rate.n, rate.responders, rate.missing});
      break;
    }
    case ClaimMetric::duration_of_benefit: {
      const int from = time_point_index(r.in, claim.time_point, claim.id);
      const int to = time_point_index(r.in, claim.until, claim.id);
      counts = r.count([&](std::size_t i) {
        if (responder_status(r, *claim.definition, from, i) != Status::success) return Status::not_due;
        return responder_status(r, *claim.definition, to, i);
      });
      break;
    }
    case ClaimMetric::survival_free_of_thr:
      // Known free at the day, known converted by it, or censored before it (missing once due).
      counts = r.count([&](std::size_t i) {
        if (r.event[i] && r.time[i] <= claim.day) return Status::failure;
        if (r.time[i] >= claim.day) return Status::success;
        return r.as_of - r.cols.episodes.injection_day[i] >= claim.day ? Status::missing : Status::not_due;
      });
      break;
    case ClaimMetric::back_to_daily_activities: {
      int first_after = -1;
      for (int tp = 1; tp < static_cast<int>(r.in.time_points.size()) && first_after < 0; ++tp)
        if (r.in.time_points[tp].day >= claim.day) first_after = tp;
      counts = r.count([&](std::size_t i) { return back_by(r, claim.day, first_after, i); });
      break;
    }
    case ClaimMetric::adverse_event_share: {
      // Of the events recorded after treatment, those of the named categories.
      const auto& a = r.cols.adverse_events;
      std::vector<std::uint8_t> named(a.category_names.size(), 0);
      for (std::size_t c = 0; c < named.size(); ++c)
        named[c] =
            std::find(claim.categories.begin(), claim.categories.end(), a.category_names[c]) != claim.categories.end();
      counts.assign(scopes.size(), Count{});
      for (std::size_t k = 0; k < a.size(); ++k) {
        const bool in_named = k < a.category.size() && named[static_cast<std::size_t>(a.category[k])];
        const Status st = in_named ? Status::success : Status::failure;
        counts[0].add(st);
        counts[static_cast<std::size_t>(r.centre[static_cast<std::size_t>(a.episode_row[k])]) + 1].add(st);
      }
      break;
    }
    case ClaimMetric::not_testable:
      counts.assign(scopes.size(), Count{});
      break;
    case ClaimMetric::serious_adverse_event_rate:
      exact = true;  // rare events: the exact interval, as safety reporting expects
      counts = r.count([&](std::size_t i) {
        if (serious[i]) return Status::success;
        if (r.time[i] >= claim.min_follow_up_days) return Status::failure;
        return r.as_of - r.cols.episodes.injection_day[i] >= claim.min_follow_up_days ? Status::missing
                                                                                      : Status::not_due;
      });
      break;
  }
  std::vector<ClaimResult> out;
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    ClaimResult res{claim.id,
                    measurement(counts[s], exact, claim.favourable, scopes[s].survival.longest_follow_up_days)};
    if (claim.metric == ClaimMetric::survival_free_of_thr) {
      // The estimate is the Kaplan–Meier curve's, which uses the censored patients too.
      const double day = claim.day;
      const auto at = curves[s].time.empty() ? std::vector<stats::KmPoint>{} : stats::km_at(curves[s], {&day, 1});
      const bool estimable = !at.empty() && !at[0].beyond_follow_up;
      res.measured.estimate = estimable ? at[0].surv : kNaN;
      res.measured.lower = estimable ? at[0].lower : kNaN;
      res.measured.upper = estimable ? at[0].upper : kNaN;
    }
    if (claim.metric == ClaimMetric::serious_adverse_event_rate) {
      // An event nobody has graded, or a red flag nobody has triaged, may be serious.
      const AdverseEventSummary& a = scopes[s].adverse_events;
      res.measured.awaiting_assessment = a.not_assessed + a.untriaged_red_flags;
    }
    res.judgement = judge(claim, res.measured);
    out.push_back(std::move(res));
  }
  return out;
}

}  // namespace rp::outcomes::detail
