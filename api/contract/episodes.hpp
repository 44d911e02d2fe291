#pragma once
// An episode's record, schedule and moves as the API reads and writes them
// (api/routes_episodes.cpp, api/routes_schedule.cpp).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/patients.hpp"
#include "api/contract/shaped_json.hpp"
#include "domain/protocol.hpp"

namespace rp::api::contract {

struct DiagnosisIn {
  static constexpr const char* kSchema = "DiagnosisIn";
  std::optional<std::string> system;
  std::string code;
  template <class V>
  static void fields(V& v) {
    v("system", &DiagnosisIn::system, "FHIR system URI (default ICD-10-CM)", FieldRule{.max_bytes = 100});
    v("code", &DiagnosisIn::code, "an osteoarthritis code of the joint (M16.x)", FieldRule{.max_bytes = 16});
  }
};

struct NewEpisode {
  static constexpr const char* kSchema = "NewEpisode";
  std::string protocol;
  Side side = Side::right;
  DiagnosisIn diagnosis;
  std::optional<std::int64_t> kl_grade, tonnis_grade, bilateral_with, repeat_of;
  template <class V>
  static void fields(V& v) {
    v("protocol", &NewEpisode::protocol, "the protocol's id", FieldRule{.max_bytes = 64});
    v("side", &NewEpisode::side, "", FieldRule{.max_bytes = 8});
    v("diagnosis", &NewEpisode::diagnosis, "", FieldRule{.missing = "diagnosis_required"_err});
    v("kl_grade", &NewEpisode::kl_grade, "Kellgren-Lawrence 0-4");
    v("tonnis_grade", &NewEpisode::tonnis_grade, "Tönnis 0-3");
    v("bilateral_with", &NewEpisode::bilateral_with, "the other hip's episode: links both ways");
    v("repeat_of", &NewEpisode::repeat_of, "the earlier episode this one repeats");
  }
};

// Listed in the order they are checked: the first bad one is the one named.
struct DetailsChange {
  static constexpr const char* kSchema = "EpisodeDetailsChange";
  std::optional<std::string> reason;
  std::optional<std::int64_t> kl_grade, tonnis_grade;
  std::optional<CellSource> cell_source;
  std::optional<Guidance> guidance;
  std::optional<std::string> injected_by;
  template <class V>
  static void fields(V& v) {
    v("reason", &DetailsChange::reason, "needed after the injection for a change of cell source, guidance or operator",
      FieldRule{.max_bytes = 500});
    v("kl_grade", &DetailsChange::kl_grade, "");
    v("tonnis_grade", &DetailsChange::tonnis_grade, "");
    v("cell_source", &DetailsChange::cell_source, "", FieldRule{.max_bytes = 32});
    v("guidance", &DetailsChange::guidance, "", FieldRule{.max_bytes = 32});
    v("injected_by", &DetailsChange::injected_by,
      "the username of the surgeon who performed the injection (an active account of the episode's centre)",
      FieldRule{.max_bytes = 64});
  }
};

struct TransitionIn {
  static constexpr const char* kSchema = "TransitionRequest";
  EpisodeState to = EpisodeState::referred;
  std::optional<std::string> reason;
  std::optional<CivilDate> on;
  template <class V>
  static void fields(V& v) {
    v("to", &TransitionIn::to, "the next state", FieldRule{.max_bytes = 32});
    v("reason", &TransitionIn::reason, "required for an exit (ineligible, withdrawn, ...)",
      FieldRule{.max_bytes = 1000});
    v("on", &TransitionIn::on, "the day it happened (default today)");
  }
};

struct EpisodeUpdated : EpisodeOut {
  static constexpr const char* kSchema = "EpisodeUpdated";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    EpisodeOut::fields(v);
    v("changed", &EpisodeUpdated::changed, "false when nothing differed (nothing was written)");
  }
};

// Who may be recorded as having injected an episode: the usernames of its centre's active
// surgeons, for the screen to offer (names only: no roles, no other accounts).
struct InjectingOperatorsOut {
  static constexpr const char* kSchema = "InjectingOperators";
  std::vector<std::string> usernames;
  template <class V>
  static void fields(V& v) {
    v("usernames", &InjectingOperatorsOut::usernames, "in name order");
  }
};

struct TransitionOut {
  static constexpr const char* kSchema = "Transition";
  EpisodeState from = EpisodeState::referred, to = EpisodeState::referred;
  std::string reason, actor, role, at, on;
  template <class V>
  static void fields(V& v) {
    v("from", &TransitionOut::from, "");
    v("to", &TransitionOut::to, "");
    v("reason", &TransitionOut::reason, "");
    v("actor", &TransitionOut::actor, "");
    v("role", &TransitionOut::role, "", FieldRule{.ref = "Role"});
    v("at", &TransitionOut::at, "UTC instant it was recorded, ISO 8601");
    v("on", &TransitionOut::on, "the day it happened, YYYY-MM-DD");
  }
};

struct Texts {
  static constexpr const char* kSchema = "LocalText";
  std::string en, fa;
  template <class V>
  static void fields(V& v) {
    v("en", &Texts::en, "");
    v("fa", &Texts::fa, "");
  }
};
inline Texts texts(const LocalText& t) { return {t.en, t.fa}; }

// A grade (CTCAE, Kellgren-Lawrence) as stored: sent back as it was when it is a small
// number, since the domain refuses a bad one when it is recorded.
inline std::optional<int> grade(const std::optional<std::int64_t>& g) {
  if (!g) return std::nullopt;
  return static_cast<int>(std::clamp<std::int64_t>(*g, -1, 99));
}

struct ScheduleItemOut {
  static constexpr const char* kSchema = "ScheduleItem";
  std::string id, kind;
  std::optional<std::string> title;
  std::string start, end, window_start, window_end, anchor, offset, start_jalali, end_jalali;
  TimelineState status = TimelineState::upcoming;
  ItemStatus recorded_status = ItemStatus::planned;
  std::optional<std::string> done_on;
  std::optional<Texts> titles;
  std::optional<std::string> detail;
  std::optional<Texts> details;
  std::optional<std::vector<std::string>> flags, instruments;
  std::optional<std::string> role;
  template <class V>
  static void fields(V& v) {
    const FieldRule left_out{.omit_when_empty = true};
    v("id", &ScheduleItemOut::id, "the protocol item's id");
    v("kind", &ScheduleItemOut::kind, "procedure, visit, rehab, questionnaire, hold, ...");
    v("title", &ScheduleItemOut::title, "in the server's language");
    v("start", &ScheduleItemOut::start, "");
    v("end", &ScheduleItemOut::end, "");
    v("window_start", &ScheduleItemOut::window_start, "");
    v("window_end", &ScheduleItemOut::window_end, "");
    v("anchor", &ScheduleItemOut::anchor, "");
    v("offset", &ScheduleItemOut::offset, "the protocol's `at`, e.g. +2w");
    v("start_jalali", &ScheduleItemOut::start_jalali, "");
    v("end_jalali", &ScheduleItemOut::end_jalali, "");
    v("status", &ScheduleItemOut::status, "where it stands on the clinic's today");
    v("recorded_status", &ScheduleItemOut::recorded_status, "what staff recorded");
    v("done_on", &ScheduleItemOut::done_on, "");
    v("titles", &ScheduleItemOut::titles, "", left_out);
    v("detail", &ScheduleItemOut::detail, "", left_out);
    v("details", &ScheduleItemOut::details, "", left_out);
    v("flags", &ScheduleItemOut::flags, "", left_out);
    v("instruments", &ScheduleItemOut::instruments, "", left_out);
    v("role", &ScheduleItemOut::role, "who runs it", left_out);
  }
};

struct NextStep {
  static constexpr const char* kSchema = "NextStep";
  EpisodeState to = EpisodeState::referred;
  std::vector<std::string> roles;
  bool needs_reason = false;
  bool on_product = false;
  template <class V>
  static void fields(V& v) {
    v("to", &NextStep::to, "");
    v("roles", &NextStep::roles, "the roles that may take this step");
    v("needs_reason", &NextStep::needs_reason, "");
    v("on_product", &NextStep::on_product,
      "taken on the cell product, not as a transition: the harvest (POST /episodes/{id}/harvest), the lab's "
      "release, the injection at the bedside check");
  }
};

struct EligibilityAssessment {
  static constexpr const char* kSchema = "EligibilityAssessment";
  std::string decision;
  FindingsJson findings;
  EligibilityReasonsJson reasons;
  std::string actor, at;
  template <class V>
  static void fields(V& v) {
    v("decision", &EligibilityAssessment::decision, "eligible, ineligible or needs_review",
      FieldRule{.ref = "EligibilityDecision"});
    v("findings", &EligibilityAssessment::findings, "the findings assessed");
    v("reasons", &EligibilityAssessment::reasons, "each rule that decided");
    v("actor", &EligibilityAssessment::actor, "");
    v("at", &EligibilityAssessment::at, "");
  }
};

struct EpisodeRecordOut : EpisodeOut {
  static constexpr const char* kSchema = "EpisodeRecord";
  std::vector<ScheduleItemOut> schedule;
  std::vector<TransitionOut> transitions;
  std::vector<NextStep> next;
  std::vector<EligibilityAssessment> eligibility;
  template <class V>
  static void fields(V& v) {
    EpisodeOut::fields(v);
    v("schedule", &EpisodeRecordOut::schedule, "");
    v("transitions", &EpisodeRecordOut::transitions, "");
    v("next", &EpisodeRecordOut::next, "the steps the state machine allows from here");
    v("eligibility", &EpisodeRecordOut::eligibility, "");
  }
};

Episode to_episode(const NewEpisode& in, std::int64_t patient_id);
service::Pathway::Details to_details(const DetailsChange& in);
service::TransitionRequest to_transition(const TransitionIn& in);
TransitionOut transition_out(const Transition& t);
ScheduleItemOut schedule_item_out(const ScheduledItem& s, const Protocol& protocol, std::string_view lang,
                                  const CivilDate& today);
EpisodeRecordOut episode_record_out(const service::EpisodeRecord& r, const std::string& lang, const CivilDate& today);

}  // namespace rp::api::contract
