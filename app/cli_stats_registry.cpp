// `regenpath stats logistic|funnel|standardise|cusum`: the registry's comparison of
// centres and operators (logistic case-mix model, funnel limits, indirect
// standardisation, risk-adjusted CUSUM) over a CSV file, JSON on stdout.
#include <map>
#include <memory>

#include "app/cli.hpp"
#include "app/stats_columns.hpp"
#include "base/error.hpp"
#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/cusum.hpp"
#include "stats/funnel.hpp"
#include "stats/logistic.hpp"
#include "stats/standardisation.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

struct ModelArgs {
  std::string csv, outcome, covariates, unit, time, level = "0.95";
};

std::vector<std::vector<double>> covariate_columns(const CsvTable& t, const std::vector<std::string>& names) {
  std::vector<std::vector<double>> columns;
  for (const auto& name : names) columns.push_back(numeric_column(t, name));
  return columns;
}

stats::LogisticFit fit_model(const CsvTable& t, const std::vector<int>& outcome, const std::vector<std::string>& names,
                             double level) {
  const auto columns = covariate_columns(t, names);
  const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
  stats::LogisticOptions options;
  options.conf_level = level;
  return stats::logistic_regression(outcome, spans, options);
}

json logistic_json(const stats::LogisticFit& fit, const std::vector<std::string>& names, bool with_fitted) {
  json coefs = json::array();
  for (std::size_t i = 0; i < fit.coef.size(); ++i) {
    coefs.push_back({{"name", i == 0 ? std::string("(Intercept)") : names[i - 1]},
                     {"coef", num(fit.coef[i])},
                     {"se", num(fit.se[i])},
                     {"z", num(fit.z[i])},
                     {"p", num(fit.p[i])},
                     {"odds_ratio", num(fit.odds_ratio[i])},
                     {"lower", num(fit.or_lower[i])},
                     {"upper", num(fit.or_upper[i])}});
  }
  json out = {{"n", fit.n},
              {"events", fit.events},
              {"coefficients", coefs},
              {"deviance", fit.deviance},
              {"null_deviance", fit.null_deviance},
              {"aic", fit.aic},
              {"df_residual", fit.df_residual},
              {"df_null", fit.df_null},
              {"rank", fit.rank},
              {"iterations", fit.iterations},
              {"converged", fit.converged},
              {"fitted_at_boundary", fit.fitted_at_boundary}};
  if (with_fitted) out["fitted"] = fit.fitted;
  return out;
}

json limits_json(const stats::FunnelLimits& l) { return {num(l.lower), num(l.upper)}; }

// Where a unit's figure falls: inside the inner limits, between inner and outer, or outside.
std::string verdict(double value, const stats::FunnelLimits& inner, const stats::FunnelLimits& outer) {
  if (std::isnan(value)) return "not_estimable";
  if (value > outer.upper) return "above_outer";
  if (value < outer.lower) return "below_outer";
  if (value > inner.upper) return "above_inner";
  if (value < inner.lower) return "below_inner";
  return "within";
}

void run_standardise(const ModelArgs& a) {
  const CsvTable t = load(a.csv);
  const std::vector<int> outcome = event_column(t, a.outcome);
  const Groups units = group_column(t, a.unit);
  std::vector<double> observed(outcome.begin(), outcome.end());
  std::vector<double> expected;
  json model = nullptr;
  if (!a.time.empty()) {
    // Survival (free of hip replacement): each patient's expected events over their own
    // follow-up under a Cox model of the case mix fitted on all units.
    if (a.covariates.empty()) throw InputError("covariates", "covariate_required"_err);
    const auto names = split_names(a.covariates);
    const auto columns = covariate_columns(t, names);
    const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
    const std::vector<double> time = time_column(t, a.time);
    const stats::CoxFit fit = stats::cox_ph(time, outcome, spans);
    expected = stats::cox_expected_events(time, outcome, spans, fit);
    json coefs = json::array();
    for (std::size_t i = 0; i < names.size(); ++i)
      coefs.push_back({{"name", names[i]}, {"coef", num(fit.coef[i])}, {"hazard_ratio", num(fit.hazard_ratio[i])}});
    model = {{"kind", "cox"}, {"coefficients", coefs}, {"converged", fit.converged}};
  } else if (a.covariates.empty()) {
    // No case mix: every patient is expected to do as the registry does on average.
    double total = 0;
    for (const int y : outcome) total += y;
    expected.assign(outcome.size(), outcome.empty() ? 0.0 : total / static_cast<double>(outcome.size()));
  } else {
    const auto names = split_names(a.covariates);
    const stats::LogisticFit fit = fit_model(t, outcome, names, conf_level(a.level));
    expected = fit.fitted;
    model = logistic_json(fit, names, false);
    model["kind"] = "logistic";
  }
  const auto result =
      stats::indirect_standardisation(units.index, static_cast<int>(units.labels.size()), observed, expected);
  json out_units = json::array();
  for (std::size_t u = 0; u < result.size(); ++u) {
    const auto& r = result[u];
    out_units.push_back({{"unit", units.labels[u]},
                         {"n", r.n},
                         {"observed", r.observed},
                         {"expected", r.expected},
                         {"ratio", num(r.ratio)},
                         {"adjusted_rate", num(r.adjusted_rate)},
                         {"limits_95", limits_json(r.inner)},
                         {"limits_998", limits_json(r.outer)},
                         {"verdict", verdict(r.ratio, r.inner, r.outer)}});
  }
  print_json({{"units", out_units}, {"model", model}});
}

struct FunnelArgs {
  std::string target, n, expected, levels = "0.95,0.998";
};

void run_funnel(const FunnelArgs& a) {
  const bool proportion = !a.target.empty() || !a.n.empty();
  if (proportion == !a.expected.empty()) throw InputError("expected", "funnel_proportion_or_ratio"_err);
  json out = json::array();
  for (const auto& text : split_names(a.levels)) {
    const double level = conf_level(text);
    const stats::FunnelLimits l =
        proportion ? stats::binomial_funnel(parse_number(a.target, "target"), parse_count(a.n, "n"), level)
                   : stats::poisson_funnel(parse_number(a.expected, "expected"), level);
    out.push_back({{"level", level}, {"lower", l.lower}, {"upper", l.upper}});
  }
  print_json({{"scale", proportion ? "proportion" : "ratio"}, {"limits", out}});
}

struct CusumArgs {
  std::string csv, failure, risk, odds_ratio = "2", threshold = "4.5";
};

void run_cusum(const CusumArgs& a) {
  const CsvTable t = load(a.csv);
  const std::vector<int> failure = event_column(t, a.failure);
  std::vector<double> risk;
  if (a.risk.empty()) {
    double total = 0;
    for (const int y : failure) total += y;
    risk.assign(failure.size(), failure.empty() ? 0.0 : total / static_cast<double>(failure.size()));
  } else {
    risk = numeric_column(t, a.risk);
  }
  stats::CusumOptions options;
  options.odds_ratio = parse_number(a.odds_ratio, "odds-ratio");
  options.threshold = parse_number(a.threshold, "threshold");
  const stats::Cusum c = stats::bernoulli_cusum(failure, risk, options);
  json signals = json::array();
  for (const auto s : c.signals) signals.push_back(s + 1);  // data rows, from 1
  print_json({{"odds_ratio", options.odds_ratio},
              {"threshold", options.threshold},
              {"weight", c.weight},
              {"value", c.value},
              {"signals", signals}});
}

}  // namespace

void add_registry_stats_commands(CLI::App* stats_cmd) {
  auto model = std::make_shared<ModelArgs>();
  auto* logistic = stats_cmd->add_subcommand("logistic", "Logistic regression (as glm(family = binomial))");
  logistic->add_option("--csv", model->csv, "CSV file with a header row")->required();
  logistic->add_option("--outcome", model->outcome, "column: 1 = outcome (e.g. responder), 0 = not")->required();
  logistic->add_option("--covariates", model->covariates, "comma-separated numeric columns")->required();
  logistic->add_option("--conf-level", model->level, "confidence level for the odds ratios, default 0.95");
  auto fitted = std::make_shared<bool>(false);
  logistic->add_flag("--fitted", *fitted, "also print each row's fitted probability");
  logistic->callback([model, fitted] {
    const CsvTable t = load(model->csv);
    const auto names = split_names(model->covariates);
    print_json(
        logistic_json(fit_model(t, event_column(t, model->outcome), names, conf_level(model->level)), names, *fitted));
  });

  auto funnel = std::make_shared<FunnelArgs>();
  auto* f = stats_cmd->add_subcommand(
      "funnel", "Funnel plot limits: a proportion of N against a target, or an observed/expected ratio");
  f->add_option("--target", funnel->target, "target proportion (with --n)");
  f->add_option("--n", funnel->n, "the unit's size (with --target)");
  f->add_option("--expected", funnel->expected, "the unit's expected count (for an observed/expected ratio)");
  f->add_option("--levels", funnel->levels, "comma-separated levels, default 0.95,0.998");
  f->callback([funnel] { run_funnel(*funnel); });

  auto standardise = std::make_shared<ModelArgs>();
  auto* s = stats_cmd->add_subcommand(
      "standardise", "Each unit's observed/expected outcomes, expected from a logistic case-mix model on all units");
  s->add_option("--csv", standardise->csv, "CSV file with a header row")->required();
  s->add_option("--unit", standardise->unit, "column: the unit compared (centre, operator)")->required();
  s->add_option("--outcome", standardise->outcome, "column: 1 = outcome (or event), 0 = not")->required();
  s->add_option("--time", standardise->time,
                "column: follow-up time; the outcome is then an event and the case-mix model a Cox model");
  s->add_option("--covariates", standardise->covariates,
                "comma-separated numeric case-mix columns (none: the crude rate is everyone's expectation)");
  s->callback([standardise] { run_standardise(*standardise); });

  auto cusum = std::make_shared<CusumArgs>();
  auto* c = stats_cmd->add_subcommand("cusum", "Risk-adjusted Bernoulli CUSUM of consecutive results");
  c->add_option("--csv", cusum->csv, "CSV file with a header row, rows in time order")->required();
  c->add_option("--failure", cusum->failure, "column: 1 = failure, 0 = success")->required();
  c->add_option("--risk", cusum->risk, "column: predicted probability of failure (none: the crude rate)");
  c->add_option("--odds-ratio", cusum->odds_ratio, "the rise in the odds of failure to detect, default 2");
  c->add_option("--threshold", cusum->threshold, "h, default 4.5");
  c->callback([cusum] { run_cusum(*cusum); });
}

}  // namespace rp::app
