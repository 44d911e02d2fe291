#include "api/contract/questionnaires.hpp"

namespace rp::api::contract {

QuestionnaireResponseOut questionnaire_response_out(const store::QuestionnaireResponseRow& r) {
  QuestionnaireResponseOut out;
  out.id = r.id;
  out.episode_id = r.episode_id;
  out.instrument = r.instrument;
  out.item_id = r.item_id;
  out.answers = nlohmann::json::parse(r.answers_json);
  out.scores.value = nlohmann::json::parse(r.scores_json);
  // {"instrument", "title", "scores": {name: value}}: a null value was withheld.
  const nlohmann::json& scores = out.scores.value;
  if (const auto values = scores.find("scores"); values != scores.end() && values->is_object())
    for (const auto& [name, value] : values->items())
      if (value.is_null()) out.unscored.push_back(name);
  out.source = r.source;
  out.submitted_by = r.submitted_by;
  out.submitted_at = r.submitted_at;
  out.wording_version = r.wording_version;
  return out;
}

}  // namespace rp::api::contract
