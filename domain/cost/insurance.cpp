#include "domain/cost/insurance.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "base/error.hpp"

namespace rp::cost {
namespace {

[[noreturn]] void bad_rule(const std::string& what) {
  throw InputError("insurance", "insurance_rules"_err, {{"what", what}});
}

std::int64_t whole(const YAML::Node& node, const std::string& where, std::int64_t min, std::int64_t max) {
  if (!node) return 0;
  try {
    const auto v = node.as<std::int64_t>();
    if (v < min || v > max) bad_rule(where + ": outside " + std::to_string(min) + ".." + std::to_string(max));
    return v;
  } catch (const YAML::Exception&) {
    bad_rule(where + ": not a whole number");
  }
}

LocalText local(const YAML::Node& node, const std::string& where, bool required) {
  LocalText t;
  if (!node) {
    if (required) bad_rule(where + ": missing");
    return t;
  }
  if (!node.IsMap() || !node["en"] || !node["fa"] || !node["en"].IsScalar() || !node["fa"].IsScalar())
    bad_rule(where + ": needs en and fa");
  t.en = node["en"].Scalar();
  t.fa = node["fa"].Scalar();
  return t;
}

// An insurer's share of `covered`, rounded up to the rial: the patient's favour.
Money share_of(Money covered, int percent) {
  const std::int64_t r = covered.in_rials();
  // r <= 10^15 and percent <= 100: the product stays far inside int64.
  return Money::rials((r * percent + 99) / 100);
}

}  // namespace

InsuranceRules InsuranceRules::parse(std::string_view yaml_text) {
  InsuranceRules out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap() || !root["insurers"] || !root["insurers"].IsSequence()) bad_rule("no insurers list");
    std::set<std::string> ids;
    for (const auto& node : root["insurers"]) {
      if (!node.IsMap() || !node["id"] || !node["id"].IsScalar()) bad_rule("an insurer without an id");
      Insurer i;
      i.id = node["id"].Scalar();
      if (i.id.empty() || i.id.size() > 64 || !ids.insert(i.id).second) bad_rule(i.id + ": empty, too long or twice");
      const std::string kind = node["kind"] && node["kind"].IsScalar() ? node["kind"].Scalar() : "";
      if (kind != "basic" && kind != "supplementary") bad_rule(i.id + ".kind: basic or supplementary");
      i.kind = kind == "basic" ? InsurerKind::basic : InsurerKind::supplementary;
      i.name = local(node["name"], i.id + ".name", true);
      i.conditions = local(node["conditions"], i.id + ".conditions", false);
      i.share_percent = static_cast<int>(whole(node["share_percent"], i.id + ".share_percent", 0, 100));
      if (i.kind == InsurerKind::basic && i.share_percent != 0)
        bad_rule(i.id + ".share_percent: a basic insurer pays nothing for this treatment");
      i.ceiling = Money::rials(whole(node["ceiling_rials"], i.id + ".ceiling_rials", 0, Money::kMaxRials));
      i.waiting_months = static_cast<int>(whole(node["waiting_months"], i.id + ".waiting_months", 0, 120));
      if (node["covers"]) {
        if (!node["covers"].IsSequence()) bad_rule(i.id + ".covers: a list of items");
        for (const auto& item : node["covers"]) {
          if (!item.IsScalar()) bad_rule(i.id + ".covers: a list of items");
          try {
            i.covers.push_back(parse_price_item(item.Scalar()));
          } catch (const InputError&) {
            bad_rule(i.id + ".covers: unknown item " + item.Scalar());
          }
        }
      }
      out.insurers_.push_back(std::move(i));
    }
  } catch (const YAML::Exception& e) {
    bad_rule(e.what());
  }
  return out;
}

const Insurer& InsuranceRules::find(std::string_view id, std::string_view field) const {
  for (const auto& i : insurers_)
    if (i.id == id) return i;
  std::string known;
  for (const auto& i : insurers_) known += (known.empty() ? "" : ", ") + i.id;
  throw InputError(std::string(field), "unknown_insurer"_err, {{"known", known}});
}

LocalText InsuranceRules::name_of(std::string_view id) const {
  for (const auto& i : insurers_)
    if (i.id == id) return i.name;
  return {std::string(id), std::string(id)};
}

Estimate estimate(const std::vector<PriceLine>& lines, const std::vector<Cover>& cover) {
  Estimate out;
  out.lines = lines;
  for (const auto& l : lines) out.total = out.total + l.amount;
  Money left = out.total;
  for (const auto& c : cover) {
    const Insurer& ins = *c.insurer;
    PayerShare p{ins.id, Money(), "pays_nothing"};
    Money covered;
    for (const auto& l : lines)
      if (std::find(ins.covers.begin(), ins.covers.end(), l.item) != ins.covers.end()) covered = covered + l.amount;
    if (ins.share_percent > 0 && covered > Money()) {
      if (c.months_insured < ins.waiting_months) {
        p.why = "waiting_period";
      } else {
        p.amount = share_of(covered, ins.share_percent);
        p.why = "share";
        if (ins.ceiling > Money() && p.amount > ins.ceiling) {
          p.amount = ins.ceiling;
          p.why = "ceiling";
        }
        if (p.amount > left) {
          p.amount = left;
          p.why = "rest_paid";
        }
      }
    }
    left = left - p.amount;
    out.payers.push_back(std::move(p));
  }
  out.patient = left;
  return out;
}

}  // namespace rp::cost
