#pragma once
// One treatment course of one hip, and the state machine it moves through.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"

namespace rp {

enum class EpisodeState {
  referred,
  screening,
  eligible,
  ineligible,
  workup,
  scheduled,
  harvested,
  product_released,
  injected,
  follow_up,
  completed,
  converted_to_thr,  // converted to total hip replacement: the survival end point
  withdrawn,
  lost_to_follow_up,
};
std::string_view to_string(EpisodeState s);
EpisodeState parse_episode_state(std::string_view text, std::string_view field = "state");
const std::vector<EpisodeState>& all_episode_states();
// The states reachable from `from` in one step.
std::vector<EpisodeState> allowed_transitions(EpisodeState from);
// Exits from the pathway (ineligible, withdrawn, lost, converted) need a reason.
bool transition_needs_reason(EpisodeState to);
// Throws ConflictError naming both states when the step is not allowed, and
// InputError("reason") when an exit (withdrawn, ineligible, ...) has no reason.
void check_transition(EpisodeState from, EpisodeState to, std::string_view reason);

enum class Side { left, right };
std::string_view to_string(Side s);
Side parse_side(std::string_view text, std::string_view field = "side");

enum class CellSource { bone_marrow, adipose };
std::string_view to_string(CellSource s);
CellSource parse_cell_source(std::string_view text, std::string_view field = "cell_source");

enum class Guidance { ultrasound, fluoroscopy };
std::string_view to_string(Guidance g);
Guidance parse_guidance(std::string_view text, std::string_view field = "guidance");

// A diagnosis code with its code system: ICD-10-CM and WHO ICD-10 differ in M16.1–M16.7,
// so a bare code is ambiguous.
struct Diagnosis {
  std::string system;  // FHIR system URI
  std::string code;
};
inline constexpr std::string_view kIcd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
inline constexpr std::string_view kIcd10Who = "http://hl7.org/fhir/sid/icd-10";
// Checks the code is an osteoarthritis code of the joint (the protocol's: hip M16, knee
// M17) in its system and, for ICD-10-CM's lateral codes, agrees with the side. Throws
// InputError("diagnosis.code") or ("diagnosis.system").
void validate_diagnosis(const Diagnosis& d, Side side, std::string_view joint = "hip");
std::string diagnosis_display(const Diagnosis& d);

struct Episode {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::string centre_id;
  std::string protocol_id;
  Side side = Side::right;
  Diagnosis diagnosis;
  std::optional<int> kl_grade;      // Kellgren–Lawrence 0–4
  std::optional<int> tonnis_grade;  // Tönnis 0–3
  std::optional<CellSource> cell_source;
  std::optional<Guidance> guidance;
  EpisodeState state = EpisodeState::referred;
  std::optional<std::int64_t> bilateral_with;  // the other hip's episode of a bilateral course
  std::optional<std::int64_t> repeat_of;       // the earlier episode this one repeats
  std::optional<CivilDate> harvest_date;
  std::optional<CivilDate> injection_date;
  // The username of the account that performed the injection: the operator whose results
  // the registry compares (service/pathway.cpp checks it names an injecting clinician).
  std::optional<std::string> injected_by;
};

// Throws InputError naming the first bad field (grades out of range, bad diagnosis).
void validate_episode(const Episode& e, std::string_view joint = "hip");

struct Transition {
  std::int64_t episode_id = 0;
  EpisodeState from = EpisodeState::referred;
  EpisodeState to = EpisodeState::referred;
  std::string reason;
  std::string actor;
  std::string role;
  std::string at;  // UTC instant it was recorded, ISO 8601
  // The day it happened (a conversion to hip replacement may be recorded weeks later):
  // the event date for survival analysis.
  CivilDate on;
};

}  // namespace rp
