// The claims file (claims/seed-claims.yaml) to a ClaimSet. Every error names the file,
// the line and the key path, so whoever edits the file can find the mistake.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"
#include "domain/adverse_event.hpp"
#include "domain/claims.hpp"
#include "domain/rule_text.hpp"

namespace rp {
namespace {

class Node {
 public:
  Node(YAML::Node node, std::string path, std::string_view source)
      : node_(std::move(node)), path_(std::move(path)), source_(source) {}

  bool has(const std::string& key) const {
    if (!node_.IsMap()) fail(rules::mapping());
    const YAML::Node c = node_[key];
    return c.IsDefined() && !c.IsNull();
  }

  Node child(const std::string& key) const {
    if (!has(key)) fail({"needs '" + key + "'", "به «" + key + "» نیاز دارد"}, join(key));
    return Node(node_[key], join(key), source_);
  }

  std::size_t size() const {
    if (!node_.IsSequence()) fail(rules::list());
    return node_.size();
  }
  Node at(std::size_t i) const { return Node(node_[i], path_ + "[" + std::to_string(i) + "]", source_); }

  std::string text() const {
    if (!node_.IsScalar() || node_.Scalar().empty()) fail(rules::non_empty_text());
    return node_.Scalar();
  }
  double number(double min, double max) const {
    double v = 0;
    if (!node_.IsScalar() || !YAML::convert<double>::decode(node_, v) || !std::isfinite(v) || v < min || v > max)
      fail(rules::number_from(fmt(min), fmt(max)));
    return v;
  }
  long long integer(long long min, long long max) const {
    long long v = 0;
    if (!node_.IsScalar() || !YAML::convert<long long>::decode(node_, v) || v < min || v > max)
      fail(rules::whole_number_from(std::to_string(min), std::to_string(max)));
    return v;
  }
  LocalText local_text() const { return {child("en").text(), child("fa").text()}; }

  [[noreturn]] void fail(const RuleText& rule, const std::string& path = {}) const {
    const std::string key = path.empty() ? path_ : path;
    const int line = node_.Mark().line + 1;  // yaml-cpp counts from 0; -1 when unknown
    const ErrorParams params{
        {"source", source_}, {"line", line}, {"key", key.empty() ? "document" : key}, rule_param(rule)};
    throw InputError(key.empty() ? std::string(source_) : key, line > 0 ? "yaml_rule_at_line"_err : "yaml_rule"_err,
                     params);
  }

 private:
  std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  static std::string fmt(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  }

  YAML::Node node_;
  std::string path_;
  std::string_view source_;
};

ClaimMetric parse_metric(const Node& n) {
  const std::string t = n.text();
  for (ClaimMetric m : {ClaimMetric::responder_rate, ClaimMetric::survival_free_of_thr,
                        ClaimMetric::back_to_daily_activities, ClaimMetric::serious_adverse_event_rate,
                        ClaimMetric::duration_of_benefit, ClaimMetric::adverse_event_share, ClaimMetric::not_testable})
    if (to_string(m) == t) return m;
  n.fail(
      rules::one_of("responder_rate, survival_free_of_thr, back_to_daily_activities, serious_adverse_event_rate, "
                    "duration_of_benefit, adverse_event_share, not_testable",
                    "responder_rate، survival_free_of_thr، back_to_daily_activities، serious_adverse_event_rate، "
                    "duration_of_benefit، adverse_event_share یا not_testable"));
}

// claimed: {value: 0.8} | {range: [0.75, 0.85]} | {below: 0.01} | {at_least: 0.5}
void parse_claimed(const Node& n, Claim& c) {
  int forms = 0;
  if (n.has("value")) {
    c.low = c.high = n.child("value").number(0, 1);
    ++forms;
  }
  if (n.has("range")) {
    const Node r = n.child("range");
    if (r.size() != 2) r.fail({"must be two numbers [low, high]", "باید دو عدد [low, high] باشد"});
    c.low = r.at(0).number(0, 1);
    c.high = r.at(1).number(0, 1);
    if (c.low > c.high) r.fail({"must have low <= high", "باید low <= high باشد"});
    ++forms;
  }
  if (n.has("below")) {
    c.low = 0;
    c.high = n.child("below").number(0, 1);
    ++forms;
  }
  if (n.has("at_least")) {
    c.low = n.child("at_least").number(0, 1);
    c.high = 1;
    ++forms;
  }
  // Kept whole: clang-format splits a Persian sentence differently on every run.
  // clang-format off
  if (forms != 1)
    n.fail({"needs exactly one of value, range, below, at_least (proportions 0–1)",
            "دقیقاً به یکی از value، range، below یا at_least نیاز دارد (نسبت‌های ۰ تا ۱)"});
  // clang-format on
}

Claim parse_claim(const Node& n) {
  Claim c;
  c.id = n.child("id").text();
  c.words = n.child("words").local_text();
  if (n.has("note")) c.note = n.child("note").local_text();
  c.metric = parse_metric(n.child("metric"));
  if (c.metric == ClaimMetric::not_testable) {
    // Only the words and why they cannot be tested here.
    if (!n.has("note"))
      n.fail({"needs a note saying why the claim cannot be tested here",
              "به یادداشتی (note) نیاز دارد که بگوید چرا این ادعا اینجا آزمودنی نیست"},
             "note");
    for (const char* key : {"definition", "time_point", "until", "day", "claimed", "minimum", "categories"})
      if (n.has(key))
        n.child(key).fail({"is not used by a claim that is not testable",
                           "در ادعایی که آزمودنی نیست به کار نمی‌رود"});
    return c;
  }
  const bool needs_definition = c.metric == ClaimMetric::responder_rate || c.metric == ClaimMetric::duration_of_benefit;
  if (needs_definition) {
    const Node d = n.child("definition");
    c.definition = parse_responder_definition(d.text());
    if (!c.definition)
      d.fail(rules::one_of("omeract_oarsi, nrs_30, nrs_50, hoos_pain_mcid",
                           "omeract_oarsi، nrs_30، nrs_50 یا hoos_pain_mcid"));
    c.time_point = n.child("time_point").text();
  }
  if (c.metric == ClaimMetric::duration_of_benefit) c.until = n.child("until").text();
  if (c.metric == ClaimMetric::survival_free_of_thr || c.metric == ClaimMetric::back_to_daily_activities)
    c.day = static_cast<int>(n.child("day").integer(1, 36500));
  if (c.metric == ClaimMetric::adverse_event_share) {
    const Node list = n.child("categories");
    const auto& known = adverse_event_categories();
    for (std::size_t i = 0; i < list.size(); ++i) {
      c.categories.push_back(list.at(i).text());
      if (std::find(known.begin(), known.end(), c.categories.back()) == known.end())
        list.at(i).fail(
            {"is not an adverse event category", "از دسته‌های عارضهٔ ناخواسته نیست"});
    }
    if (c.categories.empty())
      list.fail({"must name at least one adverse event category",
                 "باید دست‌کم یک دستهٔ عارضهٔ ناخواسته را نام ببرد"});
  }
  parse_claimed(n.child("claimed"), c);
  // Serious harm is the one claim whose good side is a low proportion.
  c.favourable = c.metric == ClaimMetric::serious_adverse_event_rate ? Favourable::low : Favourable::high;
  const Node min = n.child("minimum");
  c.min_n = min.child("n").integer(1, 100000000);
  c.min_follow_up_days = static_cast<int>(min.child("follow_up_days").integer(0, 36500));
  return c;
}

}  // namespace

ClaimSet parse_claims(std::string_view yaml_text, std::string_view source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError(std::string(source), "yaml_malformed"_err,
                     {{"source", source}, {"line", e.mark.line + 1}, {"detail", e.msg}});
  }
  const Node top(root, "", source);
  if (top.child("version").integer(1, 1) != 1)
    top.fail({"unsupported version", "این نسخه پشتیبانی نمی‌شود"});
  ClaimSet set;
  set.source = top.child("source").local_text();
  const Node list = top.child("claims");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Claim c = parse_claim(list.at(i));
    for (const Claim& earlier : set.claims)
      if (earlier.id == c.id)
        list.at(i).child("id").fail({"repeats the id of an earlier claim",
                                     "شناسهٔ ادعایی پیشین را تکرار می‌کند"});
    set.claims.push_back(std::move(c));
  }
  if (set.claims.empty())
    list.fail({"must list at least one claim", "باید دست‌کم یک ادعا را فهرست کند"});
  return set;
}

}  // namespace rp
