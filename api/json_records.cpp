#include "api/json_records.hpp"

#include "api/json_pathway.hpp"
#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/protocols.hpp"

namespace rp::api {

nlohmann::json unscored(const nlohmann::json& scored) {
  nlohmann::json out = nlohmann::json::array();
  const auto values = scored.find("scores");  // {"instrument", "title", "scores": {name: value}}
  if (values == scored.end() || !values->is_object()) return out;
  for (const auto& [name, value] : values->items())
    if (value.is_null()) out.push_back(name);
  return out;
}

nlohmann::json to_json(const store::QuestionnaireResponseRow& r) {
  nlohmann::json scores = nlohmann::json::parse(r.scores_json);
  nlohmann::json withheld = unscored(scores);
  return {{"id", r.id},
          {"episode_id", r.episode_id},
          {"instrument", r.instrument},
          {"item_id", r.item_id},
          {"answers", nlohmann::json::parse(r.answers_json)},
          {"scores", std::move(scores)},
          {"unscored", std::move(withheld)},
          {"source", r.source},
          {"submitted_by", r.submitted_by},
          {"submitted_at", r.submitted_at},
          {"wording_version", r.wording_version}};
}

nlohmann::json to_json(const store::InstrumentWordingRow& r) {
  return {{"id", r.id},
          {"instrument", r.instrument},
          {"version", r.version},
          {"languages", r.languages},
          {"loaded_by", r.loaded_by},
          {"loaded_at", r.loaded_at}};
}

nlohmann::json to_json(const store::AdverseEventRow& r) {
  const EventAssessment& a = r.assessment;
  nlohmann::json reasons = nlohmann::json::array();
  for (SeriousReason s : a.serious) reasons.push_back(to_string(s));
  return {{"id", r.id},
          {"episode_id", r.episode_id},
          {"kind", r.kind},
          {"category", r.category},
          {"severity", r.severity},
          {"description", r.description},
          {"onset", r.onset_date},
          {"reported_by", r.reported_by},
          {"role", r.role},
          {"reported_at", r.reported_at},
          {"status", r.status},
          {"acknowledged_by", r.acknowledged_by},
          {"acknowledged_at", r.acknowledged_at},
          {"acknowledged_role", r.acknowledged_role},
          {"ack_action", r.ack_action.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.ack_action)},
          {"ack_note", r.ack_note},
          {"ctcae_grade", a.ctcae_grade ? nlohmann::json(*a.ctcae_grade) : nlohmann::json(nullptr)},
          {"serious_reasons", reasons},
          {"serious", r.serious},
          {"assessed", a.is_assessed()},
          {"relatedness", a.relatedness ? nlohmann::json(to_string(*a.relatedness)) : nlohmann::json(nullptr)},
          {"outcome", a.outcome ? nlohmann::json(to_string(*a.outcome)) : nlohmann::json(nullptr)},
          {"red_flag_id", r.red_flag_id ? nlohmann::json(*r.red_flag_id) : nlohmann::json(nullptr)},
          {"triage", r.triage.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.triage)},
          {"triage_reason", r.triage_reason},
          {"assessed_by", r.assessed_by},
          {"assessed_at", r.assessed_at}};
}

nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang) {
  return episode_record_json(r, lang, Clock::system().today());
}

nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang, const CivilDate& today) {
  nlohmann::json j = to_json(r.episode);
  const auto protocol = service::load_protocol(r.episode.protocol_id);
  j["schedule"] = to_json(r.schedule, *protocol, lang, today);
  j["transitions"] = nlohmann::json::array();
  for (const auto& t : r.transitions) j["transitions"].push_back(to_json(t));
  // The steps the state machine allows from here, who may take each, and whether it
  // needs a reason: the app offers these; the service still decides.
  j["next"] = nlohmann::json::array();
  for (const EpisodeState to : allowed_transitions(r.episode.state)) {
    j["next"].push_back({{"to", to_string(to)},
                         {"roles", service::roles_for_transition(to_string(to))},
                         {"needs_reason", transition_needs_reason(to)}});
  }
  j["eligibility"] = nlohmann::json::array();
  for (const auto& a : r.eligibility) {
    j["eligibility"].push_back({{"decision", a.decision},
                                {"findings", nlohmann::json::parse(a.findings_json)},
                                {"reasons", nlohmann::json::parse(a.reasons_json)},
                                {"actor", a.actor},
                                {"at", a.at}});
  }
  return j;
}

}  // namespace rp::api
