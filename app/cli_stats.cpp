// `regenpath stats ...`: the stats/ estimators over a CSV file, JSON on stdout.
// Reading and validating the columns happens here, so errors can name the CSV
// column and data row; stats/ only ever sees plain arrays.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "app/cli.hpp"
#include "app/stats_columns.hpp"
#include "base/csv.hpp"
#include "base/error.hpp"
#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/interval.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

struct SurvivalArgs {
  std::string csv, time, event, group, at, conf_type = "log", level = "0.95";
};

void add_survival_options(CLI::App* cmd, SurvivalArgs& a, bool group_required) {
  cmd->add_option("--csv", a.csv, "CSV file with a header row")->required();
  cmd->add_option("--time", a.time, "column: follow-up time (>= 0)")->required();
  cmd->add_option("--event", a.event, "column: 1 = event, 0 = censored")->required();
  auto* g = cmd->add_option("--group", a.group, "column: group label");
  if (group_required) g->required();
}

void run_km(const SurvivalArgs& a) {
  stats::KmOptions options;
  if (a.conf_type == "log") {
    options.conf_type = stats::ConfType::log;
  } else if (a.conf_type == "log-log") {
    options.conf_type = stats::ConfType::log_log;
  } else if (a.conf_type == "plain") {
    options.conf_type = stats::ConfType::plain;
  } else {
    throw InputError("conf-type", "unknown_conf_type"_err, {{"value", a.conf_type}});
  }
  options.conf_level = conf_level(a.level);
  std::vector<double> at;
  if (!a.at.empty()) {
    for (const auto& s : split_names(a.at)) at.push_back(parse_number(s, "at"));
  }
  const CsvTable t = load(a.csv);
  const std::vector<double> time = time_column(t, a.time);
  const std::vector<int> event = event_column(t, a.event);
  Groups groups{{"all"}, {}};
  if (!a.group.empty()) groups = group_column(t, a.group);
  const stats::SortedSurvival data(time, event, groups.index, static_cast<int>(groups.labels.size()));
  const auto curves = stats::kaplan_meier_by_group(data, options);
  json out_groups = json::array();
  for (std::size_t g = 0; g < curves.size(); ++g) {
    const auto& km = curves[g];
    const stats::MedianCi med = stats::km_median(km);
    json points = json::array();
    for (const auto& p : stats::km_at(km, at)) {
      points.push_back({{"time", p.time},
                        {"n_risk", p.n_risk},
                        {"surv", num(p.surv)},
                        {"std_err", num(p.std_err)},
                        {"lower", num(p.lower)},
                        {"upper", num(p.upper)},
                        {"beyond_follow_up", p.beyond_follow_up}});
    }
    out_groups.push_back({{"group", groups.labels[g]},
                          {"n", km.n},
                          {"events", km.events},
                          {"median", num(med.median)},
                          {"median_lower", num(med.lower)},
                          {"median_upper", num(med.upper)},
                          {"at", points}});
  }
  print_json({{"conf_type", a.conf_type}, {"conf_level", options.conf_level}, {"groups", out_groups}});
}

void run_logrank(const SurvivalArgs& a) {
  const CsvTable t = load(a.csv);
  const std::vector<double> time = time_column(t, a.time);
  const std::vector<int> event = event_column(t, a.event);
  const Groups groups = group_column(t, a.group);
  if (groups.labels.size() < 2) throw InputError(a.group, "log_rank_two_groups"_err);
  const stats::LogRank lr =
      stats::log_rank(stats::SortedSurvival(time, event, groups.index, static_cast<int>(groups.labels.size())));
  json out_groups = json::array();
  for (std::size_t g = 0; g < groups.labels.size(); ++g) {
    out_groups.push_back(
        {{"group", groups.labels[g]}, {"n", lr.n[g]}, {"observed", lr.observed[g]}, {"expected", lr.expected[g]}});
  }
  print_json({{"chisq", lr.chisq}, {"df", lr.df}, {"p", num(lr.p)}, {"groups", out_groups}});
}

}  // namespace

void add_stats_commands(CLI::App& app) {
  auto* stats_cmd = app.add_subcommand("stats", "Survival and interval estimates (figures match R's survival package)");
  stats_cmd->require_subcommand(1);
  add_registry_stats_commands(stats_cmd);
  add_cross_centre_stats_command(stats_cmd);

  auto km_args = std::make_shared<SurvivalArgs>();
  auto* km = stats_cmd->add_subcommand("km", "Kaplan-Meier curves: median with CI and survival at given times");
  add_survival_options(km, *km_args, false);
  km->add_option("--at", km_args->at,
                 "comma-separated times to read the curve at, as summary(fit, times=); times after the last follow-up "
                 "give null estimates and beyond_follow_up: true (R drops them)");
  km->add_option("--conf-type", km_args->conf_type, "log (default, as R), log-log or plain");
  km->add_option("--conf-level", km_args->level, "confidence level, default 0.95");
  km->callback([km_args] { run_km(*km_args); });

  auto lr_args = std::make_shared<SurvivalArgs>();
  auto* lr = stats_cmd->add_subcommand("logrank", "Log-rank test across groups (as survdiff, rho = 0)");
  add_survival_options(lr, *lr_args, true);
  lr->callback([lr_args] { run_logrank(*lr_args); });

  struct PropArgs {
    std::string k, n, method = "wilson", level = "0.95";
  };
  auto prop_args = std::make_shared<PropArgs>();
  auto* prop = stats_cmd->add_subcommand("proportion", "A proportion with its confidence interval");
  prop->add_option("--successes", prop_args->k, "number of successes K")->required();
  prop->add_option("--n", prop_args->n, "number of trials N")->required();
  prop->add_option("--method", prop_args->method,
                   "wilson (prop.test(K, N, correct = FALSE)) or clopper-pearson (binom.test)");
  prop->add_option("--conf-level", prop_args->level, "confidence level, default 0.95");
  prop->callback([prop_args] {
    const std::int64_t k = parse_count(prop_args->k, "successes");
    const std::int64_t n = parse_count(prop_args->n, "n");
    const double level = conf_level(prop_args->level);
    stats::Interval ci{};
    if (prop_args->method == "wilson") {
      ci = stats::wilson(k, n, level);
    } else if (prop_args->method == "clopper-pearson") {
      ci = stats::clopper_pearson(k, n, level);
    } else {
      throw InputError("method", "unknown_interval_method"_err, {{"value", prop_args->method}});
    }
    print_json({{"estimate", ci.estimate}, {"lower", ci.lower}, {"upper", ci.upper}});
  });

  struct MeanArgs {
    std::string csv, column, baseline, level = "0.95";
  };
  auto mean_args = std::make_shared<MeanArgs>();
  auto* mean = stats_cmd->add_subcommand("mean", "Mean (or mean change from a baseline column) with a t-based CI");
  mean->add_option("--csv", mean_args->csv, "CSV file with a header row")->required();
  mean->add_option("--column", mean_args->column, "column of values (the follow-up value when --baseline is given)")
      ->required();
  mean->add_option("--baseline", mean_args->baseline,
                   "column of baseline values: report the mean of column - baseline");
  mean->add_option("--conf-level", mean_args->level, "confidence level, default 0.95");
  mean->callback([mean_args] {
    const double level = conf_level(mean_args->level);
    const CsvTable t = load(mean_args->csv);
    const std::vector<double> values = numeric_column(t, mean_args->column);
    if (values.size() < 2) throw InputError(mean_args->column, "t_interval_two_rows"_err);
    const stats::Interval ci = mean_args->baseline.empty()
                                   ? stats::mean_ci(values, level)
                                   : stats::mean_change_ci(numeric_column(t, mean_args->baseline), values, level);
    print_json({{"n", values.size()}, {"estimate", ci.estimate}, {"lower", ci.lower}, {"upper", ci.upper}});
  });

  struct CoxArgs {
    SurvivalArgs s;
    std::string covariates;
    bool expected = false;
  };
  auto cox_args = std::make_shared<CoxArgs>();
  auto* cox = stats_cmd->add_subcommand("cox", "Cox proportional hazards (Efron ties), as coxph");
  cox->add_option("--csv", cox_args->s.csv, "CSV file with a header row")->required();
  cox->add_option("--time", cox_args->s.time, "column: follow-up time (>= 0)")->required();
  cox->add_option("--event", cox_args->s.event, "column: 1 = event, 0 = censored")->required();
  cox->add_option("--covariates", cox_args->covariates, "comma-separated numeric columns")->required();
  cox->add_option("--conf-level", cox_args->s.level, "confidence level for hazard ratios, default 0.95");
  cox->add_flag("--expected", cox_args->expected,
                "also print each row's expected events over its follow-up (predict(fit, type = \"expected\"))");
  cox->callback([cox_args] {
    stats::CoxOptions options;
    options.conf_level = conf_level(cox_args->s.level);
    const CsvTable t = load(cox_args->s.csv);
    const std::vector<double> time = time_column(t, cox_args->s.time);
    const std::vector<int> event = event_column(t, cox_args->s.event);
    const std::vector<std::string> names = split_names(cox_args->covariates);
    std::vector<std::vector<double>> columns;
    for (const auto& name : names) columns.push_back(numeric_column(t, name));
    const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
    const stats::CoxFit fit = stats::cox_ph(time, event, spans, options);
    json coefs = json::array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      coefs.push_back({{"name", names[i]},
                       {"coef", num(fit.coef[i])},
                       {"se", num(fit.se[i])},
                       {"z", num(fit.z[i])},
                       {"p", num(fit.p[i])},
                       {"hazard_ratio", num(fit.hazard_ratio[i])},
                       {"lower", num(fit.hr_lower[i])},
                       {"upper", num(fit.hr_upper[i])}});
    }
    auto test = [&](double chisq, double p) { return json{{"chisq", num(chisq)}, {"df", fit.df}, {"p", num(p)}}; };
    json out = {{"n", fit.n},
                {"events", fit.events},
                {"coefficients", coefs},
                {"loglik", {num(fit.loglik_null), num(fit.loglik)}},
                {"likelihood_ratio", test(fit.lr_chisq, fit.lr_p)},
                {"wald", test(fit.wald_chisq, fit.wald_p)},
                {"score", test(fit.score_chisq, fit.score_p)},
                {"iterations", fit.iterations},
                {"converged", fit.converged}};
    if (cox_args->expected) out["expected"] = stats::cox_expected_events(time, event, spans, fit);
    print_json(out);
  });
}

}  // namespace rp::app
