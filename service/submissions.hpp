#pragma once
// What is submitted after enrolment: questionnaires (validated and scored, by staff,
// by the patient in the portal, or through a link), adverse events recorded by staff and
// assessed by a surgeon, red flags reported by patients and triaged by a clinician
// (service/adverse_events.cpp), and the de-identified registry counts an analyst
// reads. Each write and each record read leaves an audit row in its transaction.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/adverse_event.hpp"
#include "domain/instruments/sent_answers.hpp"
#include "service/actor.hpp"
#include "service/auth.hpp"
#include "service/episode_centres.hpp"
#include "service/heavy_reads.hpp"
#include "service/pathway.hpp"
#include "service/red_flag_alerts.hpp"
#include "service/registry_summary.hpp"
#include "service/rendered_cache.hpp"
#include "store/store.hpp"

namespace rp::service {

struct QuestionnaireSubmission {
  std::string instrument;            // instrument key: hoos-jr, nrs, ...
  std::string item_id;               // schedule item answered, optional
  instruments::SentAnswers answers;  // {{"P5", 2}, ...}, checked by the instrument when scored
  std::string idempotency_key;
};

struct SubmittedQuestionnaire {
  store::QuestionnaireResponseRow row;
  bool replayed = false;                 // an earlier submission with the same idempotency key
  std::vector<std::string> still_asked;  // by a link: the instruments it still asks for
};

struct AdverseEventInput {
  std::string category;  // infection, swelling, pain, bleeding, ...
  std::string severity;  // mild | moderate | severe | serious: the patient's word
  std::string description;
  std::optional<CivilDate> onset;
  // The clinician's assessment, as far as it is known at the first report (staff only).
  EventAssessment assessment;
};

// What a patient reports: the same fields, never an assessment.
using RedFlagReport = AdverseEventInput;

// A surgeon's change to an adverse event's assessment: only the fields given change, and
// the reason is kept in the audit row beside each changed field's old and new value.
struct AssessmentChange {
  std::optional<int> ctcae_grade;
  std::optional<std::vector<SeriousReason>> serious_reasons;  // replaces the criteria; empty: none
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;
  std::string reason;
};

// A clinician's decision on a patient's red flag: an adverse event (recorded from it and
// linked to it) or not one, with why. Either way the flag is resolved.
struct RedFlagTriage {
  bool adverse_event = false;
  std::string reason;  // required when it is not an adverse event
  // When it is: the category (required); severity and onset default to the flag's.
  AdverseEventInput event;
};

// What a clinician did on acknowledging a red flag: the action (called |
// asked_to_come_in | referred_to_emergency) and an optional note.
struct RedFlagAcknowledgement {
  std::string action;
  std::string note;
  // The clinician's role when the operator records it for them (the command line); the
  // patient sees it. Ignored for staff, whose own role is recorded.
  std::string role = {};
};
inline const std::vector<std::string> kAcknowledgeActions{"called", "asked_to_come_in", "referred_to_emergency"};

// An open red flag as the staff's alert list shows it: who it is about, and the mobile
// number to call when the role may see it in a list (identifiers_shown).
struct OpenRedFlag {
  store::AdverseEventRow flag;
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin, mobile;
};

struct TriagedRedFlag {
  store::AdverseEventRow flag;
  std::optional<store::AdverseEventRow> event;
};

struct PortalRecord {
  Patient patient;
  std::vector<Episode> episodes;
  std::vector<std::vector<ScheduledItem>> schedules;  // per episode
};

// Everything about one episode, read in one transaction with one audit row: the
// clinician's timeline view.
struct EpisodeTimeline {
  EpisodeRecord record;
  std::vector<store::QuestionnaireResponseRow> questionnaires;
  std::vector<store::AdverseEventRow> events;
};

class Submissions {
 public:
  Submissions(store::Store& store, Clock clock, Auth& auth) : store_(store), clock_(std::move(clock)), auth_(auth) {}

  // Staff (questionnaire_submit) or the patient for their own episode.
  SubmittedQuestionnaire submit_questionnaire(const Actor& actor, std::int64_t episode_id,
                                              const QuestionnaireSubmission& s);
  // The same without holding the caller's thread while it commits: bad input throws here;
  // otherwise `done` is called once the response is durable (on the store's committer
  // thread) with a function that returns it or throws the error.
  void submit_questionnaire_then(const Actor& actor, std::int64_t episode_id, QuestionnaireSubmission s,
                                 std::function<void(std::function<SubmittedQuestionnaire()>)> done);
  // Through a questionnaire link: the token decides the episode and instrument, and is
  // spent in the same transaction as the response.
  // A link of a whole time point asks for several instruments: `instrument` names the one
  // answered (it may be empty when one is left). Each is saved as its own answer set; the
  // link is spent once every instrument it asks for is answered.
  SubmittedQuestionnaire submit_by_link(const std::string& token, const std::string& instrument,
                                        const instruments::SentAnswers& answers);
  // What a link asks for, without identifying data.
  struct LinkAsks {
    store::AccessTokenRow link;
    std::vector<std::string> instruments;  // still to answer, in protocol order
    std::vector<std::string> answered;     // of the time point, answered already
  };
  LinkAsks link_info(const std::string& token);
  std::vector<store::QuestionnaireResponseRow> questionnaires(const Actor& actor, std::int64_t episode_id);

  store::AdverseEventRow record_adverse_event(const Actor& actor, std::int64_t episode_id, const AdverseEventInput& in);
  std::vector<store::AdverseEventRow> adverse_events(const Actor& actor, std::int64_t episode_id);
  // A patient reports a red flag on their own episode; it stays open for the clinic.
  store::AdverseEventRow report_red_flag(const Actor& patient, std::int64_t episode_id, const AdverseEventInput& in);
  std::vector<OpenRedFlag> open_red_flags(const Actor& actor);
  // A clinician has seen the flag and records what was done; it stays on the worklist
  // until triaged.
  store::AdverseEventRow acknowledge_red_flag(const Actor& actor, std::int64_t event_id,
                                              const RedFlagAcknowledgement& ack);
  // The signed-in patient's own red flags, newest first: the portal shows whether each was
  // seen, when, by which role and what was done (never by whom).
  std::vector<store::AdverseEventRow> own_red_flags(const Actor& patient);
  // Where raised and acknowledged flags are announced (null: nowhere).
  void set_alerts(RedFlagAlerts* alerts) { alerts_ = alerts; }
  // Triage of an open or acknowledged flag (ConflictError once triaged).
  TriagedRedFlag triage_red_flag(const Actor& actor, std::int64_t flag_id, const RedFlagTriage& triage);
  // A surgeon grades an adverse event, ticks its seriousness criteria, its relatedness and
  // outcome (adverse_event_assess). A change that changes nothing writes nothing;
  // `*changed` (when given) says whether anything changed.
  store::AdverseEventRow assess_adverse_event(const Actor& actor, std::int64_t event_id, const AssessmentChange& c,
                                              bool* changed = nullptr);

  // De-identified counts per centre: episodes by state, adverse events by what a
  // clinician decided of them. No ids, no names, no dates of birth.
  // A heavy read (service/heavy_reads.hpp): a snapshot of its own, bounded by `heavy` when given.
  RegistrySummary registry_summary(const Actor& actor, HeavyReads* heavy = nullptr);

  EpisodeTimeline timeline(const Actor& actor, std::int64_t episode_id);
  // The timeline as `render` writes it, for the clinician's repeated reads. Every call
  // checks the actor and writes the read's audit row durably before anything is returned;
  // the rendering is reused while the store reports no change to any record since it was
  // made. `variant` names whatever else the rendering depends on (language, today).
  // The audit row and the read are two transactions, audit first: a read that fails after
  // its audit row leaves one row too many, never a record shown without one.
  // The rendering is shared with the cache (and sent without a copy). No thread is held
  // while the audit row commits: once the row is durable, `done` is called (on the store's
  // committer thread) with a function that returns the rendering, or throws the error,
  // wherever the caller runs it (api/http/router.hpp run_now waits for it).
  using Rendering = std::shared_ptr<const CompressibleText>;
  using Fetch = std::function<Rendering()>;
  void rendered_timeline_then(const Actor& actor, std::int64_t episode_id, std::string variant,
                              std::function<std::string(const EpisodeTimeline&)> render,
                              std::function<void(Fetch)> done);

  // The signed-in patient's own record.
  PortalRecord portal_record(const Actor& patient);

 private:
  // Checks and scores the submission (throwing on bad input) and returns the write that
  // stores it with its audit row, or finds the earlier one with the same key, into `out`.
  std::function<void(store::Transaction&)> questionnaire_write(const Actor& actor, std::int64_t episode_id,
                                                               QuestionnaireSubmission s,
                                                               std::shared_ptr<SubmittedQuestionnaire> out) const;
  // The write that records a timeline read: the audit row alone when the episode's centre
  // is known (throwing now if the actor may not see it), else a lookup and the row, the
  // centre kept once that commits.
  struct AuditWrite {
    std::optional<store::AuditEntry> entry;                   // the row alone, when the centre was known
    std::function<void(store::Transaction&)> lookup_and_row;  // else: set only then
    std::shared_ptr<std::string> read_centre;                 // filled by lookup_and_row
    std::function<void(store::Transaction&)> write() const;
    void committed(EpisodeCentres& centres, std::int64_t episode_id) const;
  };
  AuditWrite timeline_audit_write(const Actor& actor, std::int64_t episode_id);
  // The rendering kept for the store's data generation, or a fresh read and rendering.
  Rendering timeline_after_audit(const Actor& actor, std::int64_t episode_id, const std::string& variant,
                                 const std::function<std::string(const EpisodeTimeline&)>& render);

  store::Store& store_;
  Clock clock_;
  Auth& auth_;
  RenderedCache timelines_;
  EpisodeCentres centres_;
  RedFlagAlerts* alerts_ = nullptr;
};

}  // namespace rp::service
