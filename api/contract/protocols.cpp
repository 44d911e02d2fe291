#include "api/contract/protocols.hpp"

namespace rp::api::contract {
namespace {

EligibilityRuleOut rule_out(const EligibilityRule& r) {
  return {r.id, r.finding, texts(r.text), r.is, r.at_least, r.at_most, r.below, r.above};
}

ProtocolItemOut item_out(const ProtocolItem& i) {
  ProtocolItemOut out;
  out.id = i.id;
  out.kind = i.kind;
  out.anchor = i.anchor;
  out.at = i.at.str();
  out.until = i.until.str();
  out.until_anchor = i.until_anchor;
  if (i.has_window) out.window = std::vector<std::string>{i.window_before.str(), i.window_after.str()};
  out.title = texts(i.title);
  if (i.detail) out.detail = texts(*i.detail);
  out.flags = i.flags;
  out.instruments = i.instruments;
  if (!i.role.empty()) out.role = i.role;
  return out;
}

}  // namespace

ProtocolSummaryOut protocol_summary_out(const Protocol& p) { return {p.id, p.version, p.joint, texts(p.title)}; }

ProtocolOut protocol_out(const Protocol& p, std::string yaml) {
  ProtocolOut out;
  static_cast<ProtocolSummaryOut&>(out) = protocol_summary_out(p);
  for (const auto& [name, text] : p.anchors) out.anchors[name] = texts(text);
  out.eligibility.indication = rule_out(p.eligibility.indication);
  for (const auto& r : p.eligibility.exclusions) out.eligibility.exclusions.push_back(rule_out(r));
  for (const auto& r : p.eligibility.cautions) out.eligibility.cautions.push_back(rule_out(r));
  for (const auto& i : p.items) out.items.push_back(item_out(i));
  const auto& o = p.outcomes;
  if (!o.claims.empty()) out.outcomes.claims = o.claims;
  out.outcomes.baseline = o.baseline;
  out.outcomes.survival = {std::string(to_string(o.end_point)), texts(o.survival_title),
                           std::vector<std::int64_t>(o.survival_days.begin(), o.survival_days.end())};
  if (!o.funnel_time_point.empty()) out.outcomes.funnel = ProtocolFunnelOut{o.funnel_time_point, o.funnel_definition};
  out.yaml = std::move(yaml);
  return out;
}

}  // namespace rp::api::contract
