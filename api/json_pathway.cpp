#include "api/json_pathway.hpp"

#include "api/contract/centres.hpp"
#include "api/contract/episodes.hpp"
#include "base/jalali.hpp"

namespace rp::api {

nlohmann::json to_json(const ScheduledItem& s, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today) {
  return http::encode(contract::schedule_item_out(s, protocol, lang, today));
}

nlohmann::json to_json(const std::vector<ScheduledItem>& items, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : items) out.push_back(to_json(s, protocol, lang, today));
  return out;
}

nlohmann::json to_json(const EligibilityResult& r, std::string_view lang) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : r.reasons) {
    reasons.push_back(
        {{"rule", reason.rule}, {"kind", reason.kind}, {"finding", reason.finding}, {"text", reason.text.in(lang)}});
  }
  return {{"decision", to_string(r.decision)}, {"reasons", reasons}};
}

nlohmann::json to_json(const LocalText& t) { return {{"en", t.en}, {"fa", t.fa}}; }

namespace {

nlohmann::json rule_json(const EligibilityRule& r) {
  nlohmann::json j = {{"id", r.id}, {"finding", r.finding}, {"text", to_json(r.text)}};
  if (r.is) j["is"] = *r.is;
  if (r.at_least) j["at_least"] = *r.at_least;
  if (r.at_most) j["at_most"] = *r.at_most;
  if (r.below) j["below"] = *r.below;
  if (r.above) j["above"] = *r.above;
  return j;
}

nlohmann::json protocol_item_json(const ProtocolItem& i) {
  nlohmann::json j = {{"id", i.id},
                      {"kind", i.kind},
                      {"anchor", i.anchor},
                      {"at", i.at.str()},
                      {"until", i.until.str()},
                      {"until_anchor", i.until_anchor},
                      {"window", i.has_window ? nlohmann::json::array({i.window_before.str(), i.window_after.str()})
                                              : nlohmann::json(nullptr)},
                      {"title", to_json(i.title)},
                      {"detail", i.detail ? to_json(*i.detail) : nlohmann::json(nullptr)},
                      {"flags", i.flags},
                      {"instruments", i.instruments},
                      {"role", i.role.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.role)}};
  return j;
}

}  // namespace

nlohmann::json to_json(const Protocol& p) {
  nlohmann::json anchors = nlohmann::json::object();
  for (const auto& [name, text] : p.anchors) anchors[name] = to_json(text);
  nlohmann::json exclusions = nlohmann::json::array(), cautions = nlohmann::json::array(),
                 items = nlohmann::json::array();
  for (const auto& r : p.eligibility.exclusions) exclusions.push_back(rule_json(r));
  for (const auto& r : p.eligibility.cautions) cautions.push_back(rule_json(r));
  for (const auto& i : p.items) items.push_back(protocol_item_json(i));
  return {{"id", p.id},
          {"version", p.version},
          {"joint", p.joint},
          {"title", to_json(p.title)},
          {"anchors", anchors},
          {"eligibility",
           {{"indication", rule_json(p.eligibility.indication)}, {"exclusions", exclusions}, {"cautions", cautions}}},
          {"items", items},
          {"outcomes",
           {{"claims", p.outcomes.claims.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.outcomes.claims)},
            {"baseline", p.outcomes.baseline},
            {"survival",
             {{"end_point", to_string(p.outcomes.end_point)},
              {"title", to_json(p.outcomes.survival_title)},
              {"days", p.outcomes.survival_days}}},
            {"funnel", p.outcomes.funnel_time_point.empty()
                           ? nlohmann::json(nullptr)
                           : nlohmann::json{{"time_point", p.outcomes.funnel_time_point},
                                            {"definition", p.outcomes.funnel_definition}}}}}};
}

nlohmann::json to_json(const Centre& c) { return http::encode(contract::centre_out(c)); }

nlohmann::json to_json(const Patient& p) { return http::encode(contract::patient_out(p)); }

nlohmann::json to_json(const Episode& e) { return http::encode(contract::episode_out(e)); }

nlohmann::json to_json(const Transition& t) { return http::encode(contract::transition_out(t)); }

}  // namespace rp::api
