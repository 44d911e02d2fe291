#pragma once
// The outcome report's comparison adjusted for case mix (domain/outcomes/cross_centre.hpp)
// as the API answers it: by centre for every reader of the report, by injecting operator
// only for the centre's own surgeons and admin.
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "api/contract/outcome_scope.hpp"
#include "domain/outcomes/cross_centre.hpp"

namespace rp::api::contract {

struct CaseMixTermOut {
  static constexpr const char* kSchema = "CaseMixTerm";
  std::string factor, level, reference;
  std::int64_t n = 0;
  Figure ratio, lower, upper, p;
  template <class V>
  static void fields(V& v) {
    using T = CaseMixTermOut;
    v("factor", &T::factor, "age_band | kl_grade | cell_source");
    v("level", &T::level, "the level compared, \"unknown\" where the record does not say");
    v("reference", &T::reference, "the factor's most frequent level");
    v("n", &T::n, "joints at this level");
    v("ratio", &T::ratio, "odds ratio of responding, or hazard ratio of the end point; null when aliased");
    v("lower", &T::lower, "95 % Wald interval");
    v("upper", &T::upper, "");
    v("p", &T::p, "two-sided Wald p");
  }
};

struct AdjustedUnitOut {
  static constexpr const char* kSchema = "AdjustedUnit";
  std::string label;
  bool own = false;
  Count n;
  Figure observed, expected, ratio, adjusted_rate, lower95, upper95, lower998, upper998;
  bool suppressed = false;
  template <class V>
  static void fields(V& v) {
    using U = AdjustedUnitOut;
    v("label", &U::label, "the centre (as in the funnel) or the operator");
    v("own", &U::own, "");
    v("n", &U::n, kSuppressedCount);
    v("observed", &U::observed, "");
    v("expected", &U::expected, "from the case-mix model fitted on every centre");
    v("ratio", &U::ratio, "observed / expected");
    v("adjusted_rate", &U::adjusted_rate, "ratio x the registry's crude rate");
    v("lower95", &U::lower95, "the ratio's funnel limits at this expected count");
    v("upper95", &U::upper95, "");
    v("lower998", &U::lower998, "");
    v("upper998", &U::upper998, "");
    v("suppressed", &U::suppressed,
      "every figure of the unit is null (n, observed, expected, ratio, rate and limits, each of which with the "
      "rest gives the observed count back): a registry reader's view of a centre with 1-4 joints, 1-4 events or "
      "1-4 without, or of one that would give such a centre's back from the totals; its own staff see it whole");
  }
};

struct RatioLimitOut {
  static constexpr const char* kSchema = "RatioLimit";
  double expected = 0;
  Figure lower95, upper95, lower998, upper998;
  template <class V>
  static void fields(V& v) {
    using L = RatioLimitOut;
    v("expected", &L::expected, "");
    v("lower95", &L::lower95, "");
    v("upper95", &L::upper95, "");
    v("lower998", &L::lower998, "");
    v("upper998", &L::upper998, "");
  }
};

struct FitWarningOut {
  static constexpr const char* kSchema = "FitWarning";
  std::string code;
  Texts text;
  template <class V>
  static void fields(V& v) {
    v("code", &FitWarningOut::code, "too_few_events | no_case_mix_variation | not_converged | separation");
    v("text", &FitWarningOut::text, "");
  }
};

struct AdjustedComparisonOut {
  static constexpr const char* kSchema = "AdjustedComparison";
  std::int64_t n = 0, events = 0;
  bool adjusted = false;
  std::vector<FitWarningOut> warnings;
  Figure crude_rate;
  std::vector<CaseMixTermOut> terms;
  std::vector<AdjustedUnitOut> units;
  std::vector<RatioLimitOut> limits;
  template <class V>
  static void fields(V& v) {
    using A = AdjustedComparisonOut;
    v("n", &A::n, "joints the model used");
    v("events", &A::events, "responders, or joints that reached the end point");
    v("adjusted", &A::adjusted, "false: no adjusted figure; the warnings say why");
    v("warnings", &A::warnings, "");
    v("crude_rate", &A::crude_rate, "events / n across the registry");
    v("terms", &A::terms, "the model's ratios by factor level");
    v("units", &A::units, "");
    v("limits", &A::limits, "the funnel of observed / expected by expected count");
  }
};

struct CrossCentreOut {
  static constexpr const char* kSchema = "CrossCentre";
  std::string definition, time_point;
  AdjustedComparisonOut responders, survival;
  template <class V>
  static void fields(V& v) {
    using C = CrossCentreOut;
    v("definition", &C::definition, "the responder definition (as the funnel's)");
    v("time_point", &C::time_point, "");
    v("responders", &C::responders, "logistic model; a ratio above 1 is better than expected");
    v("survival", &C::survival, "Cox model of the end point; a ratio above 1 is worse than expected");
  }
};

struct OperatorCusumOut {
  static constexpr const char* kSchema = "OperatorCusum";
  std::string label;
  std::vector<double> value;
  std::vector<std::int64_t> signals;
  template <class V>
  static void fields(V& v) {
    v("label", &OperatorCusumOut::label, "");
    v("value", &OperatorCusumOut::value, "the chart after each result, in injection order");
    v("signals", &OperatorCusumOut::signals, "0-based results at which it crossed the threshold");
  }
};

struct OperatorComparisonOut {
  static constexpr const char* kSchema = "OperatorComparison";
  std::string centre;
  CrossCentreOut figures;
  double cusum_odds_ratio = 0, cusum_threshold = 0;
  std::vector<OperatorCusumOut> cusums;
  template <class V>
  static void fields(V& v) {
    using O = OperatorComparisonOut;
    v("centre", &O::centre, "the centre whose operators are compared");
    v("figures", &O::figures, "units are the centre's operators; models fitted on every centre");
    v("cusum_odds_ratio", &O::cusum_odds_ratio, "the rise in the odds of non-response each chart looks for");
    v("cusum_threshold", &O::cusum_threshold, "");
    v("cusums", &O::cusums, "risk-adjusted CUSUM of non-response per operator");
  }
};

// The units a reader may not see, as outcomes::ReportSuppression marks them.
struct HiddenUnits {
  std::vector<bool> responders, survival;
};
CrossCentreOut cross_centre_out(const outcomes::CrossCentre& c, const std::vector<std::string>& time_point_ids,
                                const HiddenUnits& hidden = {});
OperatorComparisonOut operator_comparison_out(const outcomes::OperatorComparison& o,
                                              const std::vector<std::string>& time_point_ids);

}  // namespace rp::api::contract
