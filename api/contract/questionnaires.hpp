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
  http::AnyJson answers;
  ScoresJson scores;
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
    v("scores", &Q::scores, "the instrument's scores: a null one was withheld");
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

// A single-use link for the patient to answer without signing in.
struct LinkRequest {
  static constexpr const char* kSchema = "QuestionnaireLinkRequest";
  std::optional<std::string> instrument, item_id;
  template <class V>
  static void fields(V& v) {
    v("instrument", &LinkRequest::instrument,
      "one instrument a patient fills; without it, every questionnaire of item_id", FieldRule{.max_bytes = 32});
    v("item_id", &LinkRequest::item_id, "a questionnaire time point of the episode's protocol",
      FieldRule{.max_bytes = 64});
  }
};

struct LinkIssued {
  static constexpr const char* kSchema = "QuestionnaireLink";
  std::string token, path, expires_at;
  template <class V>
  static void fields(V& v) {
    v("token", &LinkIssued::token, "128-bit random, single use");
    v("path", &LinkIssued::path, "the web app's page for the link: /q/<token>");
    v("expires_at", &LinkIssued::expires_at, "UTC instant");
  }
};

// What a link asks for: no identifying data.
struct LinkAsksOut {
  static constexpr const char* kSchema = "QuestionnaireLinkAsks";
  std::string instrument;
  std::vector<std::string> instruments, answered;
  std::string item_id, expires_at;
  template <class V>
  static void fields(V& v) {
    v("instrument", &LinkAsksOut::instrument, "the first still to answer, or empty");
    v("instruments", &LinkAsksOut::instruments, "still to answer, in order");
    v("answered", &LinkAsksOut::answered, "of its time point, answered already");
    v("item_id", &LinkAsksOut::item_id, "the time point, or empty");
    v("expires_at", &LinkAsksOut::expires_at, "UTC instant");
  }
};

struct LinkAnswersIn {
  static constexpr const char* kSchema = "QuestionnaireLinkAnswers";
  std::optional<std::string> instrument;
  http::AnyJson answers;
  template <class V>
  static void fields(V& v) {
    v("instrument", &LinkAnswersIn::instrument, "required while the link asks for several", FieldRule{.max_bytes = 32});
    v("answers", &LinkAnswersIn::answers, "item id to answer");
  }
};

struct LinkAnswered {
  static constexpr const char* kSchema = "QuestionnaireLinkAnswered";
  std::string instrument;
  ScoresJson scores;
  std::vector<std::string> unscored;
  std::string wording_version;
  std::vector<std::string> still_asked;
  template <class V>
  static void fields(V& v) {
    v("instrument", &LinkAnswered::instrument, "");
    v("scores", &LinkAnswered::scores, "the instrument's scores: a null one was withheld");
    v("unscored", &LinkAnswered::unscored, "the scores the instrument's missing-item rule withheld");
    v("wording_version", &LinkAnswered::wording_version, "the wording answered");
    v("still_asked", &LinkAnswered::still_asked, "the instruments the link still asks for (none: it is spent)");
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
