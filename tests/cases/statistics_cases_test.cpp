// Runs tests/cases/statistics/*.yaml: follow-up times and events (and groups) go through
// the Kaplan–Meier estimate, its median and the log-rank test, and each figure the case
// names is compared with the number written there. tests/peers/r_cases.R reads the same
// files and checks every written number against R's survival package.
#include <map>
#include <stdexcept>

#include "base/error.hpp"
#include "case_files.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"

namespace rp::cases {
namespace {

using stats::KaplanMeier;

struct CaseData {
  std::vector<double> time;
  std::vector<int> event;
  std::vector<int> group;           // index into labels; empty when the case has no groups
  std::vector<std::string> labels;  // sorted, as R orders a factor's levels
};

CaseData data_of(const YAML::Node& one_case) {
  CaseData d;
  for (const auto& t : one_case["time"]) d.time.push_back(t.as<double>());
  for (const auto& e : one_case["event"]) d.event.push_back(e.as<int>());
  if (const YAML::Node group = one_case["group"]) {
    std::map<std::string, int> index;
    for (const auto& g : group) index.emplace(g.Scalar(), 0);
    for (auto& [label, i] : index) {
      i = static_cast<int>(d.labels.size());
      d.labels.push_back(label);
    }
    for (const auto& g : group) d.group.push_back(index.at(g.Scalar()));
  }
  return d;
}

stats::KmOptions options_of(const YAML::Node& one_case) {
  const std::string type = one_case["confidence"].as<std::string>("log");
  if (type == "log") return {stats::ConfType::log, 0.95};
  if (type == "log-log") return {stats::ConfType::log_log, 0.95};
  if (type == "plain") return {stats::ConfType::plain, 0.95};
  throw std::runtime_error("confidence must be log, log-log or plain, not " + type);
}

void expect_number(const std::string& what, double computed, const YAML::Node& written) {
  EXPECT_TRUE(matches_written(what, computed, written));
}

void expect_curve(const std::string& label, const KaplanMeier& km, const YAML::Node& written) {
  expect_only_keys(written, {"n", "events", "median", "median lower", "median upper", "at"});
  if (written["n"]) expect_number(label + " n", static_cast<double>(km.n), written["n"]);
  if (written["events"]) expect_number(label + " events", static_cast<double>(km.events), written["events"]);
  const stats::MedianCi median = stats::km_median(km);
  if (written["median"]) expect_number(label + " median", median.median, written["median"]);
  if (written["median lower"]) expect_number(label + " median lower", median.lower, written["median lower"]);
  if (written["median upper"]) expect_number(label + " median upper", median.upper, written["median upper"]);
  for (const YAML::Node& point : written["at"]) {
    expect_only_keys(point, {"time", "at risk", "survival", "std err", "lower", "upper"});
    const double t = point["time"].as<double>();
    const stats::KmPoint p = stats::km_at(km, std::vector<double>{t}).front();
    const std::string at = label + " at " + point["time"].Scalar() + ": ";
    if (point["at risk"]) expect_number(at + "at risk", static_cast<double>(p.n_risk), point["at risk"]);
    if (point["survival"]) expect_number(at + "survival", p.surv, point["survival"]);
    if (point["std err"]) expect_number(at + "std err", p.std_err, point["std err"]);
    if (point["lower"]) expect_number(at + "lower", p.lower, point["lower"]);
    if (point["upper"]) expect_number(at + "upper", p.upper, point["upper"]);
  }
}

void expect_log_rank(const CaseData& d, const stats::LogRank& lr, const YAML::Node& written) {
  expect_only_keys(written, {"chisq", "df", "p", "observed", "expected"});
  if (written["chisq"]) expect_number("log rank chisq", lr.chisq, written["chisq"]);
  if (written["df"]) expect_number("log rank df", lr.df, written["df"]);
  if (written["p"]) expect_number("log rank p", lr.p, written["p"]);
  for (const char* key : {"observed", "expected"}) {
    for (const auto& entry : written[key]) {
      const auto it = std::find(d.labels.begin(), d.labels.end(), entry.first.Scalar());
      ASSERT_NE(it, d.labels.end()) << "no group " << entry.first.Scalar();
      const auto i = static_cast<std::size_t>(it - d.labels.begin());
      const double computed = std::string(key) == "observed" ? lr.observed[i] : lr.expected[i];
      expect_number(std::string("log rank ") + key + " " + entry.first.Scalar(), computed, entry.second);
    }
  }
}

void run_analyses(const YAML::Node& one_case) {
  const CaseData d = data_of(one_case);
  const stats::KmOptions options = options_of(one_case);
  const int n_groups = d.labels.empty() ? 1 : static_cast<int>(d.labels.size());
  const stats::SortedSurvival sorted(d.time, d.event, d.group, n_groups);
  if (one_case["curve"]) expect_curve("curve", stats::kaplan_meier(d.time, d.event, options), one_case["curve"]);
  if (one_case["curves"]) {
    const auto curves = stats::kaplan_meier_by_group(sorted, options);
    for (const auto& entry : one_case["curves"]) {
      const auto it = std::find(d.labels.begin(), d.labels.end(), entry.first.Scalar());
      ASSERT_NE(it, d.labels.end()) << "no group " << entry.first.Scalar();
      expect_curve("group " + entry.first.Scalar(), curves[it - d.labels.begin()], entry.second);
    }
  }
  if (one_case["log rank"]) expect_log_rank(d, stats::log_rank(sorted), one_case["log rank"]);
}

void run_statistics_case(const YAML::Node& file, const YAML::Node& one_case) {
  expect_only_keys(file, {"cases"});
  expect_only_keys(
      one_case, {"case", "source", "time", "event", "group", "confidence", "curve", "curves", "log rank", "refused"});
  if (const YAML::Node refused = one_case["refused"]) {
    try {
      run_analyses(one_case);
      ADD_FAILURE() << "computed; the case expects a refusal naming " << refused.Scalar();
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), refused.Scalar()) << e.what();
    }
    return;
  }
  try {
    run_analyses(one_case);
  } catch (const InputError& e) {
    FAIL() << "refused (" << e.field() << "): " << e.what();
  }
}

[[maybe_unused]] const bool statistics_cases_registered =
    (register_cases("statistics", "Statistics", run_statistics_case), true);

}  // namespace
}  // namespace rp::cases
