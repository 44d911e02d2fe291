#pragma once
// Registry views as the API answers them (api/routes_reports.cpp): the de-identified
// counts per centre and the outcomes report. The report is written from these types
// only: the command line prints the same JSON (`regenpath report outcomes`) and renders
// the HTML page from OutcomeReportOut (app/report_*.cpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/cross_centre.hpp"
#include "api/contract/evidence.hpp"
#include "api/contract/outcome_scope.hpp"
#include "service/outcomes.hpp"
#include "service/registry_summary.hpp"

namespace rp::api::contract {

// Counts of one centre; null: suppressed (a cell of 1-4 patients, or hidden beside one).
using SuppressibleCounts = std::map<std::string, std::optional<std::int64_t>>;

struct RegistrySummaryOut {
  static constexpr const char* kSchema = "RegistrySummary";
  std::map<std::string, SuppressibleCounts> episodes_by_state, adverse_events;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    v("episodes_by_state", &RegistrySummaryOut::episodes_by_state,
      "centre id to {episode state: count}; only patients who consent to the registry; null: suppressed");
    v("adverse_events", &RegistrySummaryOut::adverse_events,
      "centre id to {adverse_event:serious|not_serious|not_assessed, red_flag:untriaged|adverse_event|"
      "not_adverse_event: count}; null: suppressed");
    v("suppressed", &RegistrySummaryOut::suppressed,
      "some counts are null: cells of fewer than 5 patients are suppressed for registry readers (the analyst, "
      "other centres), and one more beside a lone suppressed cell so it cannot be computed back");
  }
};

struct LogRankGroupOut {
  static constexpr const char* kSchema = "LogRankGroup";
  std::string centre;
  Count n;
  Figure observed, expected;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    v("centre", &LogRankGroupOut::centre, "");
    v("n", &LogRankGroupOut::n, kSuppressedCount);
    v("observed", &LogRankGroupOut::observed, "null when suppressed");
    v("expected", &LogRankGroupOut::expected, "null when suppressed: with the observed count it would give it back");
    v("suppressed", &LogRankGroupOut::suppressed,
      "n, observed and expected are null: the centre's patients or its events (or those without) number 1-4, or "
      "they would give such a centre's back from the totals; the test itself is over every centre");
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
  Count n, responders;
  Figure rate;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    v("centre", &FunnelCentreOut::centre, "the centre's id, or \"other centre\" for one the reader may not see");
    v("own", &FunnelCentreOut::own, "");
    v("n", &FunnelCentreOut::n, kSuppressedCount);
    v("responders", &FunnelCentreOut::responders, kSuppressedCount);
    v("rate", &FunnelCentreOut::rate, "null when suppressed");
    v("suppressed", &FunnelCentreOut::suppressed,
      "n, responders and rate are null: responders or non-responders number 1-4 (or would follow from the "
      "totals); the centre is left off the plot");
  }
};

// The funnel plot's control limits for a centre of n patients.
struct FunnelLimitOut {
  static constexpr const char* kSchema = "FunnelLimit";
  double n = 0;
  Figure lower95, upper95, lower998, upper998;
  template <class V>
  static void fields(V& v) {
    v("n", &FunnelLimitOut::n, "");
    v("lower95", &FunnelLimitOut::lower95, "95 % limits");
    v("upper95", &FunnelLimitOut::upper95, "");
    v("lower998", &FunnelLimitOut::lower998, "99.8 % limits");
    v("upper998", &FunnelLimitOut::upper998, "");
  }
};

struct FunnelOut {
  static constexpr const char* kSchema = "Funnel";
  std::string definition;
  std::optional<std::string> time_point;
  Figure overall;
  std::vector<FunnelCentreOut> centres;
  std::vector<FunnelLimitOut> limits;
  template <class V>
  static void fields(V& v) {
    v("definition", &FunnelOut::definition, "");
    v("time_point", &FunnelOut::time_point, "");
    v("overall", &FunnelOut::overall, "the pooled rate across centres");
    v("centres", &FunnelOut::centres, "");
    v("limits", &FunnelOut::limits, "the control limits by n");
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

// What each figure counts, in both languages (service::outcome_definitions).
struct OutcomeDefinitionsOut {
  static constexpr const char* kSchema = "OutcomeDefinitions";
  Texts treated, survival, trajectories, responders, completeness, adverse_events, serious_rate, repeats;
  template <class V>
  static void fields(V& v) {
    using D = OutcomeDefinitionsOut;
    v("treated", &D::treated, "");
    v("survival", &D::survival, "");
    v("trajectories", &D::trajectories, "");
    v("responders", &D::responders, "");
    v("completeness", &D::completeness, "");
    v("adverse_events", &D::adverse_events, "");
    v("serious_rate", &D::serious_rate, "the serious-event rate's denominator");
    v("repeats", &D::repeats, "");
  }
};

struct OutcomeReportOut {
  static constexpr const char* kSchema = "OutcomeReport";
  std::string report = "outcomes";
  ReportProtocolOut protocol;
  std::string as_of;
  EndPointOut survival_end_point;
  OutcomeDefinitionsOut definitions;
  std::int64_t interval_min_n = 0;
  std::vector<TimePointOut> time_points;
  std::vector<ScopeOut> scopes;
  std::optional<LogRankOut> log_rank_by_centre;
  std::optional<FunnelOut> funnel;
  std::optional<CrossCentreOut> cross_centre;
  std::optional<OperatorComparisonOut> by_operator;
  std::optional<Texts> claims_source;
  std::optional<std::vector<ClaimDefinitionOut>> claims;
  std::optional<EvidenceListOut> evidence;
  bool suppressed = false;
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
    v("cross_centre", &R::cross_centre, "adjusted for case mix; null when the protocol names no funnel");
    v("by_operator", &R::by_operator,
      "the same by injecting operator within the reader's centre: only for its own surgeons and admin");
    v("claims_source", &R::claims_source, "null when the protocol has no claims file");
    v("claims", &R::claims, "null when the protocol has no claims file");
    v("evidence", &R::evidence,
      "the published evidence the clinic keeps beside the claims, and for each claim whether a randomised trial "
      "or a systematic review supports it; null when the protocol has no claims file");
    v("suppressed", &R::suppressed,
      "some figures are null for this reader: cells of fewer than 5 patients are suppressed for registry readers "
      "(each scope, row and unit says which)");
  }
};

RegistrySummaryOut registry_summary_out(const service::RegistrySummary& counts);
OutcomeReportOut outcome_report_out(const service::OutcomeReport& r);
// The same with the published evidence beside its claims (service/evidence.hpp), as the API
// and the command line answer it.
OutcomeReportOut outcome_report_out(const service::OutcomeReport& r, const service::EvidenceView& evidence);
// One claim as the report writes it, and its result (`hide`: the counts and estimates null).
ClaimDefinitionOut claim_definition(const Claim& c);
ClaimResultOut claim_result(const service::ClaimResult& c, bool hide);

}  // namespace rp::api::contract
