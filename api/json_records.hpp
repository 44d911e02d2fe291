#pragma once
// JSON shapes of the records the HTTP API adds to the pathway's (api/json_pathway.hpp):
// questionnaire responses, adverse events, timelines.
#include <nlohmann/json.hpp>

#include "service/pathway.hpp"
#include "store/store.hpp"

namespace rp::api {

// A response with its scores, and `unscored`: the scores its instrument's missing-item
// rule withheld (a HOOS subscale with fewer than half its items answered, ...).
nlohmann::json to_json(const store::QuestionnaireResponseRow& r);
nlohmann::json to_json(const store::AdverseEventRow& r);
// Episode with schedule, transitions and eligibility assessments; schedule statuses are
// relative to `today`, the clinic's date.
nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang, const CivilDate& today);
// The same for the clinic's today by the system clock, the clock the server runs on.
nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang);

}  // namespace rp::api
