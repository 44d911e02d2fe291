#pragma once
// The pathway's use cases: one function per thing a user does. Each checks the actor's
// role and centre, applies the domain rules, and writes its data with an audit row in
// one transaction.
#include <functional>
#include <optional>
#include <vector>

#include "base/clock.hpp"
#include "domain/eligibility.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct PatientRecord {
  Patient patient;
  std::vector<Episode> episodes;
  // Other centres where a patient with the same national id is registered: possibly the
  // same person, shown to staff and never merged (their records stay each centre's own).
  std::vector<std::string> same_national_id_at;
};

// A correction of a patient's details: only the fields given change. The reason is
// kept in the audit row beside each changed field's old and new value, so nothing typed
// before is lost.
struct PatientChange {
  std::optional<std::string> mrn, name_fa, name_latin, mobile, national_id;
  std::optional<Sex> sex;
  std::optional<CivilDate> birth_date;
  std::optional<bool> consent_treatment, consent_registry, consent_contact;
  std::optional<Language> language;
  std::optional<std::string> email;  // "" removes it
  std::optional<ContactChannel> preferred_channel;
  std::string reason;
};

struct EpisodeRecord {
  Episode episode;
  std::vector<ScheduledItem> schedule;
  std::vector<Transition> transitions;
  std::vector<store::EligibilityRecord> eligibility;
};

// Where the protocol harvests cells, the harvest, the release and the injection are steps
// of the cell product (service/products.hpp), each with its scan; Pathway::advance refuses
// them (step_on_the_product) and the app offers the product's own screens instead.
bool step_on_the_product(const std::string& protocol_id, EpisodeState to);

// Moving an episode; `on` is the day it happened (harvest or injection day), default today.
struct TransitionRequest {
  EpisodeState to = EpisodeState::referred;
  std::string reason;
  std::optional<CivilDate> on;
};

class Pathway {
 public:
  Pathway(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // Returns whether anything changed: the same details again write nothing. A facility
  // code is checked (5 letters or digits, InputError naming facility_code) and kept upper case.
  bool upsert_centre(const Actor& actor, const Centre& centre);
  // The registry (and the operator) set a centre's licence status and, when given, its
  // number, issuer and last valid day (an inner nullopt unsets it); a centre's admin keeps
  // what the registry set (kLicenceByRegistry). Returns false when nothing changed.
  struct LicenceFacts {
    std::string status;
    std::optional<std::string> number, issuer;
    std::optional<std::optional<CivilDate>> expires;
  };
  bool set_centre_licence(const Actor& actor, const std::string& centre_id, const LicenceFacts& facts);
  std::vector<Centre> centres();

  Patient add_patient(const Actor& actor, Patient p);
  std::vector<PatientRecord> find_patients(const Actor& actor, store::PatientQuery q);
  PatientRecord patient_record(const Actor& actor, std::int64_t patient_id);
  // Corrects the given fields (validated as at registration); the centre never changes.
  // A change that changes nothing writes nothing. Each update here sets `*changed` (when
  // given) to whether anything changed (service/unchanged.hpp).
  Patient update_patient(const Actor& actor, std::int64_t patient_id, const PatientChange& change,
                         bool* changed = nullptr);

  // A new episode starts as referred. Links a bilateral pair both ways.
  Episode add_episode(const Actor& actor, Episode e);
  EpisodeRecord episode_record(const Actor& actor, std::int64_t episode_id);
  Episode advance(const Actor& actor, std::int64_t episode_id, const TransitionRequest& request);
  // The same step inside a caller's transaction (the cell product's use cases move the
  // episode with the product): the permission is the caller's to check. `complete` fills
  // what the step asks of the episode (who injected, the guidance) before it is checked.
  Episode advance_in(store::Transaction& tx, const Actor& actor, std::int64_t episode_id,
                     const TransitionRequest& request, const std::function<void(Episode&)>& complete = {});
  // Sets or moves the planned harvest and injection dates and re-derives every item not
  // yet done. A date is within a year before and two years after today; one before today
  // needs the reason, kept in the audit row. The dates already planned write nothing.
  EpisodeRecord plan(const Actor& actor, std::int64_t episode_id, std::optional<CivilDate> harvest,
                     std::optional<CivilDate> injection, const std::string& reason = "", bool* changed = nullptr);
  // Grades, cell source, guidance and who injected, as they become known. Once the
  // injection is done, the cell source, guidance and operator record what happened:
  // changing them needs the reason,
  // kept in the audit row beside the old and new value.
  struct Details {
    std::optional<int> kl_grade, tonnis_grade;
    std::optional<CellSource> cell_source;
    std::optional<Guidance> guidance;
    std::string reason;
    // The username of the account that injected: an active surgeon of the episode's centre.
    // Last, so that initialisers written before it still mean what they say.
    std::optional<std::string> injected_by;
  };
  Episode update_details(const Actor& actor, std::int64_t episode_id, const Details& d, bool* changed = nullptr);
  // The usernames that may be recorded as the episode's injected_by (active surgeons of
  // its centre), in name order. Account names only: no audit row, as for any list of staff.
  std::vector<std::string> injecting_operators(const Actor& actor, std::int64_t episode_id);
  EligibilityResult assess_eligibility(const Actor& actor, std::int64_t episode_id, const RecordedFindings& findings);
  // Marks a schedule item done, missed or cancelled (or back to planned); who may mark
  // which item: require_mark. The status it has already writes nothing.
  ScheduledItem mark_item(const Actor& actor, std::int64_t episode_id, const std::string& item_id, ItemStatus status,
                          std::optional<CivilDate> on, bool* changed = nullptr);

  const Clock& clock() const { return clock_; }

 private:
  store::Store& store_;
  Clock clock_;
};

// Why a centre's admin may not change its licence status (field licence_status).
inline constexpr const char* kLicenceByRegistry =
    "a centre's licence status is set by the registry, not by the centre's own staff";

}  // namespace rp::service
