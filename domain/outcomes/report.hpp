#pragma once
// The outcome report's figures: per centre and overall, survival free of hip replacement,
// PROM trajectories, responder rates, adverse events by CTCAE grade and seriousness,
// completeness of follow-up, repeat treatments, a funnel plot of centres' responder rates,
// and the audit of the clinic's claims. Only aggregates: no patient, record number or
// episode id appears.
//
// compute_outcome_report() is pure (columns in, figures out): no store, no JSON, no I/O, so
// it is tested on hand-made registries and benchmarked on a million episodes without a
// database. The use case (who may read which centres, the read and its audit row) is
// service/outcomes.cpp; the rendering is the callers'.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/claims.hpp"
#include "domain/instruments/responder_thresholds.hpp"
#include "domain/outcomes/columns.hpp"
#include "domain/outcomes/cross_centre.hpp"
#include "domain/outcomes/suppressed_cells.hpp"
#include "domain/protocol.hpp"
#include "stats/interval.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"

namespace rp::outcomes {

// A questionnaire item of the protocol; the first is the baseline.
struct TimePoint {
  std::string item_id;  // prom-6m
  int day = 0;          // nominal days after the injection (0 for the baseline)
  LocalText title;
};

struct OutcomeInputs {
  std::vector<TimePoint> time_points;  // the baseline first
  instruments::ResponderThresholds thresholds;
  ClaimSet claims;  // none: the report has no claims section
  CivilDate as_of;
  // The responder rate the funnel plot compares centres on; an empty time point: no funnel.
  ResponderDefinition funnel_definition = ResponderDefinition::omeract_oarsi;
  std::string funnel_time_point = "prom-6m";
  // Days at which the survival curve is read (and the number at risk shown).
  std::vector<double> survival_days{0, 182, 365, 548, 730, 913, 1095};
  ProtocolOutcomes::EndPoint end_point = ProtocolOutcomes::EndPoint::joint_replacement;
  // Safety figures count joints followed this long (or with a serious event): the
  // serious-event claim's minimum follow-up, so the section and the claim agree.
  int safety_follow_up_days = 30;
  // The measures the protocol's questionnaires ask (a knee protocol asking only the NRS
  // has no HOOS or Oxford figures to show).
  std::array<bool, kPromMeasures> measures_asked{true, true, true, true, true};
};

// Whether a responder definition's measures are all asked.
bool definition_asked(ResponderDefinition d, const std::array<bool, kPromMeasures>& asked);

// The time points of a protocol's questionnaires, its baseline first.
std::vector<TimePoint> questionnaire_time_points(const Protocol& protocol);
// The inputs a protocol names: time points, survival end point and days, funnel; the
// claims are the caller's (the catalogue's, or a file the operator names).
OutcomeInputs outcome_inputs(const Protocol& protocol, ClaimSet claims, const CivilDate& as_of,
                             instruments::ResponderThresholds thresholds);

struct SurvivalSummary {
  std::int64_t n = 0, events = 0;
  // The step curve at each event time (and the last follow-up), for drawing.
  struct Step {
    double day, surv, lower, upper;
  };
  std::vector<Step> curve;
  // Each day someone's follow-up ended without a replacement (censored): the curve's value
  // there and how many, for the tick marks a survival plot shows (R's mark.time).
  struct Censored {
    double day, surv;
    std::int64_t count;
  };
  std::vector<Censored> censored;
  std::vector<stats::KmPoint> at;  // at OutcomeInputs::survival_days
  stats::MedianCi median{};
  int longest_follow_up_days = 0;
};

// A mean on a bounded scale with its 95 % t interval, kept inside the scale: the
// interval meets the scale (a valid 95 % interval still, since the true mean lies on the
// scale), and below kMinNForInterval answers no interval is given at all.
inline constexpr std::int64_t kMinNForInterval = 5;
struct TrajectoryPoint {
  int time_point = 0;
  std::int64_t n = 0;
  double mean = 0, lower = 0, upper = 0;  // NaN below kMinNForInterval values
  bool truncated = false;                 // the t interval reached past the scale's end
};
struct Trajectory {
  PromMeasure measure;
  std::vector<TrajectoryPoint> points;
};

// One responder definition at one follow-up time point. n counts patients whose status
// is known: scored at baseline and at the time point, or converted to hip replacement
// before it (a known failure). `missing` were due (the item's window has closed) but have
// no status. The worst case counts every missing patient as a non-responder.
struct ResponderRate {
  ResponderDefinition definition;
  int time_point = 0;
  std::int64_t n = 0, responders = 0, missing = 0;
  stats::Interval ci{}, worst_case{};  // Wilson 95 %
};

struct AdverseEventSummary {
  std::array<std::int64_t, 6> events_by_grade{};  // [0] not graded yet, [1..5] CTCAE grade
  std::int64_t events = 0, serious_events = 0;
  std::int64_t not_assessed = 0;                                  // neither graded nor a seriousness criterion ticked
  std::int64_t untriaged_red_flags = 0;                           // red flags of treated joints waiting for a clinician
  std::vector<std::pair<std::string, std::int64_t>> by_category;  // most frequent first
  std::int64_t treated = 0;                                       // every treated joint
  // The rate's denominator: joints followed at least OutcomeInputs::safety_follow_up_days,
  // or with a serious event sooner, as the serious-event claim counts them.
  std::int64_t patients = 0, patients_with_serious = 0;
  int followed_days = 0;
  stats::Interval serious_rate{};  // Clopper–Pearson 95 %
};

// Repeat treatments of a joint: each joint counts once in every figure; a repeat is an
// event of its own.
struct RepeatSummary {
  std::int64_t repeated = 0;                // treated joints treated again
  double median_days = 0;                   // from the first injection to the repeat (NaN without)
  std::int64_t min_days = 0, max_days = 0;  // 0 without
};

struct Completeness {
  int time_point = 0;
  std::int64_t due = 0, received = 0;  // due: window closed and not converted before
};

struct ClaimResult {
  std::string claim_id;
  ClaimMeasurement measured;
  Judgement judgement;
};

struct ScopeReport {
  std::optional<std::string> centre_id;  // unset: every centre together
  std::int64_t injected = 0;
  SurvivalSummary survival;
  std::vector<Trajectory> trajectories;
  std::vector<ResponderRate> responders;
  AdverseEventSummary adverse_events;
  std::vector<Completeness> completeness;
  RepeatSummary repeats;
  std::vector<ClaimResult> claims;
};

struct Funnel {
  ResponderDefinition definition;
  int time_point = 0;
  double overall = 0;  // pooled rate across centres (NaN with no data)
  struct Centre {
    std::string label;  // the centre id, or "other centre" for a centre the reader may not see
    bool own = false;
    std::int64_t n = 0, responders = 0;
  };
  std::vector<Centre> centres;
  // Control limits around the pooled rate (normal approximation, clipped to 0–1).
  struct Limit {
    double n, lower95, upper95, lower998, upper998;
  };
  std::vector<Limit> limits;
};

struct LogRankByCentre {
  std::vector<std::string> labels;  // as in the funnel
  stats::LogRank test;
};

struct OutcomeReport {
  CivilDate as_of;
  std::vector<TimePoint> time_points;
  std::vector<ScopeReport> scopes;          // overall first, then each centre shown
  std::optional<LogRankByCentre> log_rank;  // unset with fewer than two centres with events
  std::optional<Funnel> funnel;             // unset when the protocol names none
  // Adjusted for case mix (cross_centre.hpp); unset without a funnel time point.
  std::optional<CrossCentre> cross_centre;
  // By injecting operator within ReportView::operators_of; unset unless asked for.
  std::optional<OperatorComparison> by_operator;
  ClaimSet claims;  // empty: the protocol names no claims file
  // The small cells hidden from this report's reader (service/outcomes.cpp decides whom);
  // empty: every figure is shown.
  ReportSuppression suppressed;
  ProtocolOutcomes::EndPoint end_point = ProtocolOutcomes::EndPoint::joint_replacement;
  LocalText survival_title;
  int safety_follow_up_days = 30;
  std::array<bool, kPromMeasures> measures_asked{true, true, true, true, true};
  // Which protocol's episodes the figures count (only those).
  struct ProtocolName {
    std::string id;
    int version = 0;
    LocalText title;
  } protocol;
};

// Which centres a report shows in detail, and under which names.
struct ReportView {
  std::vector<std::string> centres;  // ids shown as scopes, in order
  bool name_other_centres = true;    // false: others appear as "other centre" in funnel and log-rank
  // The centre whose injecting operators are compared: only for that centre's own
  // surgeons and admin, never the analyst or a public view. Empty: no operator comparison.
  std::string operators_of;
};

OutcomeReport compute_outcome_report(const Columns& columns, const OutcomeInputs& inputs, const ReportView& view);

}  // namespace rp::outcomes
