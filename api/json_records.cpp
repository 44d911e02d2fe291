#include "api/json_records.hpp"

#include "api/contract/episodes.hpp"
#include "api/contract/events.hpp"
#include "api/contract/questionnaires.hpp"
#include "api/json_pathway.hpp"
#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/protocols.hpp"

namespace rp::api {

nlohmann::json to_json(const store::QuestionnaireResponseRow& r) {
  return http::encode(contract::questionnaire_response_out(r));
}

nlohmann::json to_json(const store::AdverseEventRow& r) { return http::encode(contract::adverse_event_out(r)); }

nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang) {
  return episode_record_json(r, lang, Clock::system().today());
}

nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang, const CivilDate& today) {
  return http::encode(contract::episode_record_out(r, lang, today));
}

}  // namespace rp::api
