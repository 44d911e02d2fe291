#pragma once
// Questionnaire responses and the episode timeline as the API writes them
// (api/routes_questionnaires.cpp, api/routes_episodes.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "api/contract/events.hpp"

namespace rp::api::contract {

struct QuestionnaireResponseOut {
  static constexpr const char* kSchema = "QuestionnaireResponse";
  std::int64_t id = 0, episode_id = 0;
  std::string instrument, item_id;
  http::AnyJson answers, scores;
  std::vector<std::string> unscored;
  std::string source, submitted_by, submitted_at, wording_version;
  template <class V>
  static void fields(V& v) {
    using Q = QuestionnaireResponseOut;
    v("id", &Q::id, "");
    v("episode_id", &Q::episode_id, "");
    v("instrument", &Q::instrument, "");
    v("item_id", &Q::item_id, "the schedule's time point, or empty");
    v("answers", &Q::answers, "item id to answer, as submitted");
    v("scores", &Q::scores, "{instrument, title, scores: {name: value or null}}");
    v("unscored", &Q::unscored, "the scores the instrument's missing-item rule withheld");
    v("source", &Q::source, "staff, patient or link");
    v("submitted_by", &Q::submitted_by, "");
    v("submitted_at", &Q::submitted_at, "");
    v("wording_version", &Q::wording_version, "the wording answered: the Questionnaire's url|version");
  }
};

QuestionnaireResponseOut questionnaire_response_out(const store::QuestionnaireResponseRow& r);

struct NewQuestionnaire {
  static constexpr const char* kSchema = "NewQuestionnaire";
  std::string instrument;
  std::optional<std::string> item_id;
  http::AnyJson answers;
  template <class V>
  static void fields(V& v) {
    v("instrument", &NewQuestionnaire::instrument, "the instrument's key", FieldRule{.max_bytes = 32});
    v("item_id", &NewQuestionnaire::item_id, "a questionnaire time point of the episode's protocol",
      FieldRule{.max_bytes = 64});
    v("answers", &NewQuestionnaire::answers, "item id to answer", FieldRule{.missing = "answers_required"_err});
  }
};

// Everything about one episode in one read.
struct EpisodeTimelineOut : EpisodeRecordOut {
  static constexpr const char* kSchema = "EpisodeTimeline";
  std::vector<QuestionnaireResponseOut> questionnaires;
  std::vector<AdverseEventOut> events;
  template <class V>
  static void fields(V& v) {
    EpisodeRecordOut::fields(v);
    v("questionnaires", &EpisodeTimelineOut::questionnaires, "");
    v("events", &EpisodeTimelineOut::events, "adverse events and red flags");
  }
};

}  // namespace rp::api::contract
