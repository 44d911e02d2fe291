#pragma once
// Registry views as the API answers them (api/routes_reports.cpp): the de-identified
// counts per centre and the outcomes report. The report's shape is the one
// service/outcomes_json.cpp writes for the command line and the HTML page; a test checks
// that both write the same text (tests/http/typed_admin_answers_test.cpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "service/outcomes.hpp"

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

struct RegistrySummaryOut {
  static constexpr const char* kSchema = "RegistrySummary";
  std::map<std::string, Counts> episodes_by_state, adverse_events;
  template <class V>
  static void fields(V& v) {
    v("episodes_by_state", &RegistrySummaryOut::episodes_by_state, "centre id to {episode state: count}");
    v("adverse_events", &RegistrySummaryOut::adverse_events,
      "centre id to {adverse_event:serious|not_serious|not_assessed, red_flag:untriaged|adverse_event|"
      "not_adverse_event: count}");
  }
};

// A figure that cannot be estimated is null.
using Figure = std::optional<double>;

// A row of numbers written as a JSON array ([day, survival, lower, upper], ...): integers
// stay integers, a figure that cannot be estimated is null.
struct NumberRow {
  nlohmann::json cells = nlohmann::json::array();
  static nlohmann::json schema_json() {
    return {{"type", "array"}, {"items", {{"type", "number"}, {"nullable", true}}}};
  }
  nlohmann::json json() const { return cells; }
};

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
  std::int64_t n_risk = 0;
  Figure surv, std_err, lower, upper;
  bool beyond_follow_up = false;
  template <class V>
  static void fields(V& v) {
    using S = SurvivalAtOut;
    v("day", &S::day, "");
    v("n_risk", &S::n_risk, "");
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

struct SurvivalOut {
  static constexpr const char* kSchema = "Survival";
  std::int64_t n = 0, events = 0, longest_follow_up_days = 0;
  std::optional<MedianOut> median;
  std::vector<NumberRow> curve, censored;
  std::vector<SurvivalAtOut> at;
  template <class V>
  static void fields(V& v) {
    v("n", &SurvivalOut::n, "");
    v("events", &SurvivalOut::events, "");
    v("longest_follow_up_days", &SurvivalOut::longest_follow_up_days, "");
    v("median", &SurvivalOut::median, "null when nobody is treated");
    v("curve", &SurvivalOut::curve,
      "[day, survival, lower, upper] at time 0 and at each event, then at the longest follow-up");
    v("censored", &SurvivalOut::censored, "[day, survival there, how many] where follow-up ended without the event");
    v("at", &SurvivalOut::at, "");
  }
};

struct TrajectoryPointOut {
  static constexpr const char* kSchema = "TrajectoryPoint";
  std::string time_point;
  std::int64_t n = 0;
  Figure mean, lower, upper;
  std::string interval;
  template <class V>
  static void fields(V& v) {
    using T = TrajectoryPointOut;
    v("time_point", &T::time_point, "");
    v("n", &T::n, "");
    v("mean", &T::mean, "");
    v("lower", &T::lower, "");
    v("upper", &T::upper, "");
    v("interval", &T::interval,
      "t: a 95 % t interval; kept_in_scale: cut at the scale's ends; n_too_small: none (lower and upper null)");
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
  std::int64_t n = 0, responders = 0, missing = 0;
  IntervalOut rate, worst_case;
  template <class V>
  static void fields(V& v) {
    using R = ResponderRateOut;
    v("definition", &R::definition, "");
    v("time_point", &R::time_point, "");
    v("n", &R::n, "");
    v("responders", &R::responders, "");
    v("missing", &R::missing, "");
    v("rate", &R::rate, "");
    v("worst_case", &R::worst_case, "every missing answer counted as no response");
  }
};

struct CategoryCount {
  static constexpr const char* kSchema = "AdverseEventCategoryCount";
  std::string category;
  std::int64_t events = 0;
  template <class V>
  static void fields(V& v) {
    v("category", &CategoryCount::category, "");
    v("events", &CategoryCount::events, "");
  }
};

struct AdverseEventsOut {
  static constexpr const char* kSchema = "AdverseEventSummary";
  std::int64_t events = 0;
  Counts by_grade;
  std::vector<CategoryCount> by_category;
  std::int64_t not_assessed = 0, untriaged_red_flags = 0, serious_events = 0, treated = 0, followed_days = 0,
               patients = 0, patients_with_serious = 0;
  IntervalOut serious_rate;
  template <class V>
  static void fields(V& v) {
    using A = AdverseEventsOut;
    v("events", &A::events, "");
    v("by_grade", &A::by_grade, "ungraded, 1..5 (CTCAE grade): count");
    v("by_category", &A::by_category, "most frequent first");
    v("not_assessed", &A::not_assessed, "neither graded nor a seriousness criterion ticked");
    v("untriaged_red_flags", &A::untriaged_red_flags, "");
    v("serious_events", &A::serious_events, "");
    v("treated", &A::treated, "every treated joint");
    v("followed_days", &A::followed_days, "");
    v("patients", &A::patients,
      "joints followed at least followed_days, or with a serious event sooner: the serious-event claim's "
      "denominator");
    v("patients_with_serious", &A::patients_with_serious, "");
    v("serious_rate", &A::serious_rate, "");
  }
};

struct CompletenessOut {
  static constexpr const char* kSchema = "Completeness";
  std::string time_point;
  std::int64_t due = 0, received = 0;
  Figure fraction;
  template <class V>
  static void fields(V& v) {
    v("time_point", &CompletenessOut::time_point, "");
    v("due", &CompletenessOut::due, "");
    v("received", &CompletenessOut::received, "");
    v("fraction", &CompletenessOut::fraction, "null when none was due");
  }
};

struct RepeatsOut {
  static constexpr const char* kSchema = "Repeats";
  std::int64_t repeated = 0;
  Figure median_days;
  std::optional<std::int64_t> min_days, max_days;
  template <class V>
  static void fields(V& v) {
    v("repeated", &RepeatsOut::repeated, "treated joints treated again");
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
  std::int64_t n = 0, events = 0, missing = 0, awaiting_assessment = 0;
  Figure estimate, lower, upper;
  std::int64_t longest_follow_up_days = 0;
  WorstCaseOut worst_case;
  template <class V>
  static void fields(V& v) {
    using C = ClaimResultOut;
    v("id", &C::id, "");
    v("verdict", &C::verdict, "");
    v("reason", &C::reason, "");
    v("n", &C::n, "");
    v("events", &C::events, "");
    v("missing", &C::missing, "");
    v("awaiting_assessment", &C::awaiting_assessment, "records the verdict waits on");
    v("estimate", &C::estimate, "");
    v("lower", &C::lower, "");
    v("upper", &C::upper, "");
    v("longest_follow_up_days", &C::longest_follow_up_days, "");
    v("worst_case", &C::worst_case, "every missing outcome counted against the claim");
  }
};

struct ScopeOut {
  static constexpr const char* kSchema = "OutcomeScope";
  std::optional<std::string> centre;
  std::int64_t injected = 0;
  SurvivalOut survival;
  std::vector<TrajectoryOut> trajectories;
  std::vector<ResponderRateOut> responders;
  AdverseEventsOut adverse_events;
  std::vector<CompletenessOut> completeness;
  RepeatsOut repeats;
  std::vector<ClaimResultOut> claims;
  template <class V>
  static void fields(V& v) {
    using S = ScopeOut;
    v("centre", &S::centre, "null: every centre the reader may see, together");
    v("injected", &S::injected, "");
    v("survival", &S::survival, "");
    v("trajectories", &S::trajectories, "");
    v("responders", &S::responders, "");
    v("adverse_events", &S::adverse_events, "");
    v("completeness", &S::completeness, "");
    v("repeats", &S::repeats, "");
    v("claims", &S::claims, "");
  }
};

struct LogRankGroupOut {
  static constexpr const char* kSchema = "LogRankGroup";
  std::string centre;
  std::int64_t n = 0;
  Figure observed, expected;
  template <class V>
  static void fields(V& v) {
    v("centre", &LogRankGroupOut::centre, "");
    v("n", &LogRankGroupOut::n, "");
    v("observed", &LogRankGroupOut::observed, "");
    v("expected", &LogRankGroupOut::expected, "");
  }
};

struct LogRankOut {
  static constexpr const char* kSchema = "LogRank";
  Figure chisq;
  std::int64_t df = 0;
  Figure p;
  std::vector<LogRankGroupOut> groups;
  template <class V>
  static void fields(V& v) {
    v("chisq", &LogRankOut::chisq, "");
    v("df", &LogRankOut::df, "");
    v("p", &LogRankOut::p, "");
    v("groups", &LogRankOut::groups, "");
  }
};

struct FunnelCentreOut {
  static constexpr const char* kSchema = "FunnelCentre";
  std::string centre;
  bool own = false;
  std::int64_t n = 0, responders = 0;
  Figure rate;
  template <class V>
  static void fields(V& v) {
    v("centre", &FunnelCentreOut::centre, "the centre's id, or \"other centre\" for one the reader may not see");
    v("own", &FunnelCentreOut::own, "");
    v("n", &FunnelCentreOut::n, "");
    v("responders", &FunnelCentreOut::responders, "");
    v("rate", &FunnelCentreOut::rate, "");
  }
};

struct FunnelOut {
  static constexpr const char* kSchema = "Funnel";
  std::string definition;
  std::optional<std::string> time_point;
  Figure overall;
  std::vector<FunnelCentreOut> centres;
  std::vector<NumberRow> limits;
  template <class V>
  static void fields(V& v) {
    v("definition", &FunnelOut::definition, "");
    v("time_point", &FunnelOut::time_point, "");
    v("overall", &FunnelOut::overall, "the pooled rate across centres");
    v("centres", &FunnelOut::centres, "");
    v("limits", &FunnelOut::limits, "[n, lower95, upper95, lower998, upper998]: the control limits by n");
  }
};

struct ClaimRangeOut {
  static constexpr const char* kSchema = "ClaimRange";
  double low = 0, high = 0;
  template <class V>
  static void fields(V& v) {
    v("low", &ClaimRangeOut::low, "");
    v("high", &ClaimRangeOut::high, "");
  }
};

struct ClaimMinimumOut {
  static constexpr const char* kSchema = "ClaimMinimum";
  std::int64_t n = 0, follow_up_days = 0;
  template <class V>
  static void fields(V& v) {
    v("n", &ClaimMinimumOut::n, "");
    v("follow_up_days", &ClaimMinimumOut::follow_up_days, "");
  }
};

// A claim that cannot be tested says only what it claims and why.
struct ClaimDefinitionOut {
  static constexpr const char* kSchema = "ClaimDefinition";
  std::string id, metric;
  std::optional<ClaimRangeOut> claimed;
  std::optional<std::string> favourable;
  std::optional<ClaimMinimumOut> minimum;
  Texts words, note;
  std::optional<std::string> definition, time_point, until;
  std::optional<std::int64_t> day;
  std::optional<std::vector<std::string>> categories;
  template <class V>
  static void fields(V& v) {
    using C = ClaimDefinitionOut;
    const FieldRule left_out{.omit_when_empty = true};
    v("id", &C::id, "");
    v("metric", &C::metric, "");
    v("claimed", &C::claimed, "the claimed proportion or range, 0-1", left_out);
    v("favourable", &C::favourable, "high or low", left_out);
    v("minimum", &C::minimum, "", left_out);
    v("words", &C::words, "");
    v("note", &C::note, "");
    v("definition", &C::definition, "", left_out);
    v("time_point", &C::time_point, "", left_out);
    v("until", &C::until, "", left_out);
    v("day", &C::day, "", left_out);
    v("categories", &C::categories, "", left_out);
  }
};

struct ReportProtocolOut {
  static constexpr const char* kSchema = "OutcomeProtocol";
  std::string id;
  std::int64_t version = 0;
  Texts title;
  template <class V>
  static void fields(V& v) {
    v("id", &ReportProtocolOut::id, "");
    v("version", &ReportProtocolOut::version, "");
    v("title", &ReportProtocolOut::title, "");
  }
};

struct EndPointOut {
  static constexpr const char* kSchema = "SurvivalEndPoint";
  std::string id;
  Texts title;
  template <class V>
  static void fields(V& v) {
    v("id", &EndPointOut::id, "joint_replacement or joint_replacement_or_repeat");
    v("title", &EndPointOut::title, "");
  }
};

struct OutcomeReportOut {
  static constexpr const char* kSchema = "OutcomeReport";
  std::string report = "outcomes";
  ReportProtocolOut protocol;
  std::string as_of;
  EndPointOut survival_end_point;
  std::map<std::string, Texts> definitions;
  std::int64_t interval_min_n = 0;
  std::vector<TimePointOut> time_points;
  std::vector<ScopeOut> scopes;
  std::optional<LogRankOut> log_rank_by_centre;
  std::optional<FunnelOut> funnel;
  std::optional<Texts> claims_source;
  std::optional<std::vector<ClaimDefinitionOut>> claims;
  template <class V>
  static void fields(V& v) {
    using R = OutcomeReportOut;
    v("report", &R::report, "always outcomes");
    v("protocol", &R::protocol, "the protocol whose episodes the figures count");
    v("as_of", &R::as_of, "YYYY-MM-DD");
    v("survival_end_point", &R::survival_end_point, "");
    v("definitions", &R::definitions, "what each figure counts, in both languages, by section");
    v("interval_min_n", &R::interval_min_n, "below this many values no interval is given");
    v("time_points", &R::time_points, "");
    v("scopes", &R::scopes, "overall first, then each centre shown");
    v("log_rank_by_centre", &R::log_rank_by_centre, "null with fewer than two centres with events");
    v("funnel", &R::funnel, "null when the protocol names none");
    v("claims_source", &R::claims_source, "null when the protocol has no claims file");
    v("claims", &R::claims, "null when the protocol has no claims file");
  }
};

RegistrySummaryOut registry_summary_out(const nlohmann::json& counts);
OutcomeReportOut outcome_report_out(const service::OutcomeReport& r);

}  // namespace rp::api::contract
