#pragma once
// The figures of one scope of the outcome report (every centre together, or one centre):
// survival, PROM trajectories, responders, adverse events, completeness, repeats and the
// claims' results, as the API answers them (api/contract/reports.hpp holds the report).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "domain/claims.hpp"

namespace rp::api::http {

namespace enum_names {
inline constexpr char kClaimVerdict[] = "ClaimVerdict";
}  // namespace enum_names

template <>
struct EnumNames<Verdict> : WrittenEnum<Verdict, enum_names::kClaimVerdict> {
  static std::vector<Verdict> values() {
    return {Verdict::consistent, Verdict::contradicted, Verdict::insufficient_data, Verdict::not_measurable,
            Verdict::not_testable};
  }
};

}  // namespace rp::api::http

namespace rp::api::contract {

using Counts = std::map<std::string, std::int64_t>;

// A figure that cannot be estimated is null.
using Figure = std::optional<double>;
// A count a registry reader is not shown is null: it covers 1-4 patients, or would give
// such a count back from a total (domain/outcomes/suppression.hpp).
using Count = std::optional<std::int64_t>;
inline constexpr char kSuppressedCount[] =
    "null: suppressed for a registry reader (fewer than 5 patients, or one that would give such a count back)";
inline constexpr char kSuppressedRow[] =
    "some of this row's figures are null: they cover fewer than 5 patients and the reader is a registry reader "
    "(the analyst, or a centre's staff reading beyond their centre)";

struct IntervalOut {
  static constexpr const char* kSchema = "Interval";
  Figure estimate, lower, upper;
  template <class V>
  static void fields(V& v) {
    v("estimate", &IntervalOut::estimate, "");
    v("lower", &IntervalOut::lower, "95 % interval");
    v("upper", &IntervalOut::upper, "");
  }
};

struct TimePointOut {
  static constexpr const char* kSchema = "OutcomeTimePoint";
  std::string id;
  std::int64_t day = 0;
  Texts title;
  template <class V>
  static void fields(V& v) {
    v("id", &TimePointOut::id, "the protocol item, e.g. prom-6m");
    v("day", &TimePointOut::day, "nominal days after the injection (0: the baseline)");
    v("title", &TimePointOut::title, "");
  }
};

struct SurvivalAtOut {
  static constexpr const char* kSchema = "SurvivalAt";
  double day = 0;
  Count n_risk;
  Figure surv, std_err, lower, upper;
  bool beyond_follow_up = false;
  template <class V>
  static void fields(V& v) {
    using S = SurvivalAtOut;
    v("day", &S::day, "");
    v("n_risk", &S::n_risk, kSuppressedCount);
    v("surv", &S::surv, "");
    v("std_err", &S::std_err, "");
    v("lower", &S::lower, "");
    v("upper", &S::upper, "");
    v("beyond_follow_up", &S::beyond_follow_up, "after the longest follow-up: not estimable");
  }
};

struct MedianOut {
  static constexpr const char* kSchema = "SurvivalMedian";
  Figure days, lower, upper;
  template <class V>
  static void fields(V& v) {
    v("days", &MedianOut::days, "null: not reached");
    v("lower", &MedianOut::lower, "");
    v("upper", &MedianOut::upper, "");
  }
};

// A point of the Kaplan–Meier step curve: at time 0, at each event, then at the longest
// follow-up.
struct SurvivalPointOut {
  static constexpr const char* kSchema = "SurvivalPoint";
  double day = 0;
  Figure surv, lower, upper;
  template <class V>
  static void fields(V& v) {
    v("day", &SurvivalPointOut::day, "days after the injection");
    v("surv", &SurvivalPointOut::surv, "the estimated share free of the end point");
    v("lower", &SurvivalPointOut::lower, "95 % interval");
    v("upper", &SurvivalPointOut::upper, "");
  }
};

// Where follow-up ended without the event (censored), on the curve's value there.
struct CensorMarkOut {
  static constexpr const char* kSchema = "CensorMark";
  double day = 0;
  Figure surv;
  std::int64_t count = 0;
  template <class V>
  static void fields(V& v) {
    v("day", &CensorMarkOut::day, "");
    v("surv", &CensorMarkOut::surv, "the curve's value there");
    v("count", &CensorMarkOut::count, "how many were censored that day");
  }
};

struct SurvivalOut {
  static constexpr const char* kSchema = "Survival";
  Count n, events;
  std::int64_t longest_follow_up_days = 0;
  std::optional<MedianOut> median;
  std::vector<SurvivalPointOut> curve;
  std::vector<CensorMarkOut> censored;
  std::vector<SurvivalAtOut> at;
  template <class V>
  static void fields(V& v) {
    v("n", &SurvivalOut::n, kSuppressedCount);
    v("events", &SurvivalOut::events,
      "null: suppressed, and then the curve, its marks, the median and the values at each day are left out");
    v("longest_follow_up_days", &SurvivalOut::longest_follow_up_days, "");
    v("median", &SurvivalOut::median, "null when nobody is treated, or the counts are suppressed");
    v("curve", &SurvivalOut::curve,
      "at time 0 and at each event, then at the longest follow-up; empty when the counts are suppressed");
    v("censored", &SurvivalOut::censored, "where follow-up ended without the event");
    v("at", &SurvivalOut::at, "");
  }
};

struct TrajectoryPointOut {
  static constexpr const char* kSchema = "TrajectoryPoint";
  std::string time_point;
  Count n;
  Figure mean, lower, upper;
  std::string interval;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    using T = TrajectoryPointOut;
    v("time_point", &T::time_point, "");
    v("n", &T::n, kSuppressedCount);
    v("mean", &T::mean, "null with n suppressed");
    v("lower", &T::lower, "");
    v("upper", &T::upper, "");
    v("interval", &T::interval,
      "t: a 95 % t interval; kept_in_scale: cut at the scale's ends; n_too_small: none (lower and upper null)");
    v("suppressed", &T::suppressed, kSuppressedRow);
  }
};

struct TrajectoryOut {
  static constexpr const char* kSchema = "Trajectory";
  std::string measure;
  std::vector<TrajectoryPointOut> points;
  template <class V>
  static void fields(V& v) {
    v("measure", &TrajectoryOut::measure, "nrs_pain, hoos_pain, hoos_adl, oxford_total or patient_global");
    v("points", &TrajectoryOut::points, "");
  }
};

struct ResponderRateOut {
  static constexpr const char* kSchema = "ResponderRate";
  std::string definition, time_point;
  Count n, responders, missing;
  IntervalOut rate, worst_case;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    using R = ResponderRateOut;
    v("definition", &R::definition, "");
    v("time_point", &R::time_point, "");
    v("n", &R::n, kSuppressedCount);
    v("responders", &R::responders, kSuppressedCount);
    v("missing", &R::missing, kSuppressedCount);
    v("rate", &R::rate, "null figures with the counts suppressed");
    v("worst_case", &R::worst_case, "every missing answer counted as no response");
    v("suppressed", &R::suppressed, kSuppressedRow);
  }
};

struct CategoryCount {
  static constexpr const char* kSchema = "AdverseEventCategoryCount";
  std::string category;
  Count events;
  template <class V>
  static void fields(V& v) {
    v("category", &CategoryCount::category, "");
    v("events", &CategoryCount::events, kSuppressedCount);
  }
};

// Adverse events by CTCAE grade, and those a surgeon has not graded yet.
struct GradeCountsOut {
  static constexpr const char* kSchema = "AdverseEventGrades";
  Count ungraded, grade_1, grade_2, grade_3, grade_4, grade_5;
  // The count of grade 1..5.
  Count grade(int g) const {
    const Count GradeCountsOut::*const by[] = {&GradeCountsOut::grade_1, &GradeCountsOut::grade_2,
                                               &GradeCountsOut::grade_3, &GradeCountsOut::grade_4,
                                               &GradeCountsOut::grade_5};
    return this->*by[g - 1];
  }
  template <class V>
  static void fields(V& v) {
    using G = GradeCountsOut;
    v("ungraded", &G::ungraded, "each count null when suppressed");
    v("1", &G::grade_1, "CTCAE grade 1, mild");
    v("2", &G::grade_2, "moderate");
    v("3", &G::grade_3, "severe");
    v("4", &G::grade_4, "life-threatening");
    v("5", &G::grade_5, "death");
  }
};

struct AdverseEventsOut {
  static constexpr const char* kSchema = "AdverseEventSummary";
  Count events;
  GradeCountsOut by_grade;
  std::vector<CategoryCount> by_category;
  Count not_assessed, untriaged_red_flags, serious_events, treated;
  std::int64_t followed_days = 0;
  Count patients, patients_with_serious;
  IntervalOut serious_rate;
  template <class V>
  static void fields(V& v) {
    using A = AdverseEventsOut;
    v("events", &A::events, kSuppressedCount);
    v("by_grade", &A::by_grade, "");
    v("by_category", &A::by_category, "most frequent first");
    v("not_assessed", &A::not_assessed, "neither graded nor a seriousness criterion ticked");
    v("untriaged_red_flags", &A::untriaged_red_flags, "");
    v("serious_events", &A::serious_events, "");
    v("treated", &A::treated, "every treated joint");
    v("followed_days", &A::followed_days, "");
    v("patients", &A::patients,
      "joints followed at least followed_days, or with a serious event sooner: the serious-event claim's "
      "denominator");
    v("patients_with_serious", &A::patients_with_serious, kSuppressedCount);
    v("serious_rate", &A::serious_rate, "null figures with the serious counts suppressed");
  }
};

struct CompletenessOut {
  static constexpr const char* kSchema = "Completeness";
  std::string time_point;
  Count due, received;
  Figure fraction;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    v("time_point", &CompletenessOut::time_point, "");
    v("due", &CompletenessOut::due, kSuppressedCount);
    v("received", &CompletenessOut::received, kSuppressedCount);
    v("fraction", &CompletenessOut::fraction, "null when none was due, or suppressed");
    v("suppressed", &CompletenessOut::suppressed, kSuppressedRow);
  }
};

struct RepeatsOut {
  static constexpr const char* kSchema = "Repeats";
  Count repeated;
  Figure median_days;
  std::optional<std::int64_t> min_days, max_days;
  template <class V>
  static void fields(V& v) {
    v("repeated", &RepeatsOut::repeated, "treated joints treated again; null (and the days too) when suppressed");
    v("median_days", &RepeatsOut::median_days, "from the first injection to the repeat");
    v("min_days", &RepeatsOut::min_days, "");
    v("max_days", &RepeatsOut::max_days, "");
  }
};

struct WorstCaseOut : IntervalOut {
  static constexpr const char* kSchema = "ClaimWorstCase";
  Verdict verdict = Verdict::insufficient_data;
  template <class V>
  static void fields(V& v) {
    IntervalOut::fields(v);
    v("verdict", &WorstCaseOut::verdict, "");
  }
};

struct ClaimResultOut {
  static constexpr const char* kSchema = "ClaimResult";
  std::string id;
  Verdict verdict = Verdict::insufficient_data;
  std::string reason;
  Count n, events, missing;
  std::int64_t awaiting_assessment = 0;
  Figure estimate, lower, upper;
  std::int64_t longest_follow_up_days = 0;
  WorstCaseOut worst_case;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    using C = ClaimResultOut;
    v("id", &C::id, "");
    v("verdict", &C::verdict, "");
    v("reason", &C::reason, "");
    v("n", &C::n, kSuppressedCount);
    v("events", &C::events, kSuppressedCount);
    v("missing", &C::missing, kSuppressedCount);
    v("awaiting_assessment", &C::awaiting_assessment, "records the verdict waits on");
    v("estimate", &C::estimate, "");
    v("lower", &C::lower, "");
    v("upper", &C::upper, "");
    v("longest_follow_up_days", &C::longest_follow_up_days, "");
    v("worst_case", &C::worst_case, "every missing outcome counted against the claim");
    v("suppressed", &C::suppressed,
      "the counts and estimates are null (fewer than 5 patients, for a registry reader); the verdict stands");
  }
};

struct ScopeOut {
  static constexpr const char* kSchema = "OutcomeScope";
  std::optional<std::string> centre;
  Count injected;
  SurvivalOut survival;
  std::vector<TrajectoryOut> trajectories;
  std::vector<ResponderRateOut> responders;
  AdverseEventsOut adverse_events;
  std::vector<CompletenessOut> completeness;
  RepeatsOut repeats;
  std::vector<ClaimResultOut> claims;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    using S = ScopeOut;
    v("centre", &S::centre, "null: every centre the reader may see, together");
    v("injected", &S::injected, kSuppressedCount);
    v("survival", &S::survival, "");
    v("trajectories", &S::trajectories, "");
    v("responders", &S::responders, "");
    v("adverse_events", &S::adverse_events, "");
    v("completeness", &S::completeness, "");
    v("repeats", &S::repeats, "");
    v("claims", &S::claims, "");
    v("suppressed", &S::suppressed,
      "some figures of this scope are null: cells of fewer than 5 patients are suppressed for registry readers "
      "(the analyst; a centre's staff for the overall figures, where less their own they would give other "
      "centres' small cells), and one more beside a lone suppressed cell so it cannot be computed back. A "
      "centre's own staff see their centre's figures whole");
  }
};

}  // namespace rp::api::contract
