#include "domain/episode.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "base/enum_names.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

using S = EpisodeState;

constexpr std::array<std::pair<S, std::string_view>, 14> kStateNames{{
    {S::referred, "referred"},
    {S::screening, "screening"},
    {S::eligible, "eligible"},
    {S::ineligible, "ineligible"},
    {S::workup, "workup"},
    {S::scheduled, "scheduled"},
    {S::harvested, "harvested"},
    {S::product_released, "product_released"},
    {S::injected, "injected"},
    {S::follow_up, "follow_up"},
    {S::completed, "completed"},
    {S::converted_to_thr, "converted_to_thr"},
    {S::withdrawn, "withdrawn"},
    {S::lost_to_follow_up, "lost_to_follow_up"},
}};

// The pathway's allowed steps. Withdrawal is possible from every open state; after
// injection an episode can end in conversion or loss to follow-up; a patient lost to
// follow-up may come back, and a completed episode may still convert later.
const std::vector<std::pair<S, std::vector<S>>>& transition_table() {
  static const std::vector<std::pair<S, std::vector<S>>> table{
      {S::referred, {S::screening, S::withdrawn}},
      {S::screening, {S::eligible, S::ineligible, S::withdrawn}},
      {S::eligible, {S::workup, S::withdrawn}},
      {S::ineligible, {S::screening}},
      {S::workup, {S::scheduled, S::ineligible, S::withdrawn}},
      {S::scheduled, {S::harvested, S::workup, S::withdrawn}},
      {S::harvested, {S::product_released, S::withdrawn}},
      {S::product_released, {S::injected, S::withdrawn}},
      {S::injected, {S::follow_up, S::converted_to_thr, S::withdrawn, S::lost_to_follow_up}},
      {S::follow_up, {S::completed, S::converted_to_thr, S::withdrawn, S::lost_to_follow_up}},
      {S::completed, {S::converted_to_thr}},
      {S::converted_to_thr, {}},
      {S::withdrawn, {}},
      {S::lost_to_follow_up, {S::follow_up, S::converted_to_thr}},
  };
  return table;
}

bool needs_reason(S to) {
  return to == S::ineligible || to == S::withdrawn || to == S::lost_to_follow_up || to == S::converted_to_thr;
}

constexpr std::array<std::pair<Side, std::string_view>, 2> kSides{{{Side::left, "left"}, {Side::right, "right"}}};
constexpr std::array<std::pair<CellSource, std::string_view>, 2> kSources{
    {{CellSource::bone_marrow, "bone_marrow"}, {CellSource::adipose, "adipose"}}};
constexpr std::array<std::pair<Guidance, std::string_view>, 2> kGuidance{
    {{Guidance::ultrasound, "ultrasound"}, {Guidance::fluoroscopy, "fluoroscopy"}}};

// Hip OA codes (clinical-facts §10), and knee OA codes for a knee protocol. ICD-10-CM adds
// a laterality digit to M16.1/3/5 and M17.1/3.
struct Code {
  std::string_view code, display;
  std::optional<Side> side;
};
constexpr std::array<Code, 26> kIcd10CmCodes{{
    {"M16.0", "Bilateral primary osteoarthritis of hip", {}},
    {"M16.10", "Unilateral primary osteoarthritis, unspecified hip", {}},
    {"M16.11", "Unilateral primary osteoarthritis, right hip", Side::right},
    {"M16.12", "Unilateral primary osteoarthritis, left hip", Side::left},
    {"M16.2", "Bilateral osteoarthritis resulting from hip dysplasia", {}},
    {"M16.30", "Unilateral osteoarthritis resulting from hip dysplasia, unspecified hip", {}},
    {"M16.31", "Unilateral osteoarthritis resulting from hip dysplasia, right hip", Side::right},
    {"M16.32", "Unilateral osteoarthritis resulting from hip dysplasia, left hip", Side::left},
    {"M16.4", "Bilateral post-traumatic osteoarthritis of hip", {}},
    {"M16.50", "Unilateral post-traumatic osteoarthritis, unspecified hip", {}},
    {"M16.51", "Unilateral post-traumatic osteoarthritis, right hip", Side::right},
    {"M16.52", "Unilateral post-traumatic osteoarthritis, left hip", Side::left},
    {"M16.6", "Other bilateral secondary osteoarthritis of hip", {}},
    {"M16.7", "Other unilateral secondary osteoarthritis of hip", {}},
    {"M16.9", "Osteoarthritis of hip, unspecified", {}},
    {"M17.0", "Bilateral primary osteoarthritis of knee", {}},
    {"M17.10", "Unilateral primary osteoarthritis, unspecified knee", {}},
    {"M17.11", "Unilateral primary osteoarthritis, right knee", Side::right},
    {"M17.12", "Unilateral primary osteoarthritis, left knee", Side::left},
    {"M17.2", "Bilateral post-traumatic osteoarthritis of knee", {}},
    {"M17.30", "Unilateral post-traumatic osteoarthritis, unspecified knee", {}},
    {"M17.31", "Unilateral post-traumatic osteoarthritis, right knee", Side::right},
    {"M17.32", "Unilateral post-traumatic osteoarthritis, left knee", Side::left},
    {"M17.4", "Other bilateral secondary osteoarthritis of knee", {}},
    {"M17.5", "Other unilateral secondary osteoarthritis of knee", {}},
    {"M17.9", "Osteoarthritis of knee, unspecified", {}},
}};
constexpr std::array<Code, 16> kIcd10WhoCodes{{
    {"M16.0", "Primary coxarthrosis, bilateral", {}},
    {"M16.1", "Other primary coxarthrosis", {}},
    {"M16.2", "Coxarthrosis resulting from dysplasia, bilateral", {}},
    {"M16.3", "Other dysplastic coxarthrosis", {}},
    {"M16.4", "Post-traumatic coxarthrosis, bilateral", {}},
    {"M16.5", "Other post-traumatic coxarthrosis", {}},
    {"M16.6", "Other secondary coxarthrosis, bilateral", {}},
    {"M16.7", "Other secondary coxarthrosis", {}},
    {"M16.9", "Coxarthrosis, unspecified", {}},
    {"M17.0", "Primary gonarthrosis, bilateral", {}},
    {"M17.1", "Other primary gonarthrosis", {}},
    {"M17.2", "Post-traumatic gonarthrosis, bilateral", {}},
    {"M17.3", "Other post-traumatic gonarthrosis", {}},
    {"M17.4", "Other secondary gonarthrosis, bilateral", {}},
    {"M17.5", "Other secondary gonarthrosis", {}},
    {"M17.9", "Gonarthrosis, unspecified", {}},
}};

// The ICD-10 block of a joint's osteoarthritis: M16 coxarthrosis, M17 gonarthrosis.
std::string_view block_of(std::string_view joint) { return joint == "knee" ? "M17." : "M16."; }

const Code* find_code(const Diagnosis& d) {
  auto find_in = [&](const auto& table) -> const Code* {
    auto it = std::find_if(table.begin(), table.end(), [&](const Code& c) { return c.code == d.code; });
    return it == table.end() ? nullptr : &*it;
  };
  if (d.system == kIcd10Cm) return find_in(kIcd10CmCodes);
  if (d.system == kIcd10Who) return find_in(kIcd10WhoCodes);
  return nullptr;
}

}  // namespace

bool transition_needs_reason(EpisodeState to) { return needs_reason(to); }

std::string_view to_string(EpisodeState s) { return enum_name(kStateNames, s); }
EpisodeState parse_episode_state(std::string_view text, std::string_view field) {
  return parse_enum(kStateNames, text, field);
}
const std::vector<EpisodeState>& all_episode_states() {
  static const std::vector<EpisodeState> all = enum_values(kStateNames);
  return all;
}

std::vector<EpisodeState> allowed_transitions(EpisodeState from) {
  for (const auto& [state, next] : transition_table()) {
    if (state == from) return next;
  }
  return {};
}

void check_transition(EpisodeState from, EpisodeState to, std::string_view reason) {
  const auto next = allowed_transitions(from);
  if (std::find(next.begin(), next.end(), to) == next.end()) {
    std::string allowed;
    for (S s : next) allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(s));
    throw ConflictError("state", "illegal_transition"_err,
                        {{"from", std::string(to_string(from))},
                         {"to", std::string(to_string(to))},
                         {"allowed", allowed.empty() ? "none, it is final" : allowed}});
  }
  if (needs_reason(to) && reason.find_first_not_of(" \t\n") == std::string_view::npos) {
    throw InputError("reason", "transition_needs_reason"_err, {{"to", std::string(to_string(to))}});
  }
}

std::string_view to_string(Side s) { return enum_name(kSides, s); }
Side parse_side(std::string_view text, std::string_view field) { return parse_enum(kSides, text, field); }
std::string_view to_string(CellSource s) { return enum_name(kSources, s); }
CellSource parse_cell_source(std::string_view text, std::string_view field) {
  return parse_enum(kSources, text, field);
}
std::string_view to_string(Guidance g) { return enum_name(kGuidance, g); }
Guidance parse_guidance(std::string_view text, std::string_view field) { return parse_enum(kGuidance, text, field); }

void validate_diagnosis(const Diagnosis& d, Side side, std::string_view joint) {
  if (d.system != kIcd10Cm && d.system != kIcd10Who) {
    throw InputError("diagnosis.system", "unknown_code_system"_err);
  }
  const Code* c = find_code(d);
  const std::string_view block = block_of(joint);
  if (!c || !c->code.starts_with(block))
    throw InputError("diagnosis.code", joint == "knee" ? "not_knee_oa_code"_err : "not_hip_oa_code"_err,
                     {{"code", d.code.substr(0, 16)}, {"system", d.system}});
  if (c->side && *c->side != side) {
    throw InputError("diagnosis.code", "diagnosis_other_side"_err,
                     {{"code", d.code},
                      {"code_side", std::string(to_string(*c->side))},
                      {"joint", std::string(joint)},
                      {"side", std::string(to_string(side))}});
  }
}

std::string diagnosis_display(const Diagnosis& d) {
  const Code* c = find_code(d);
  return c ? std::string(c->display) : std::string();
}

void validate_episode(const Episode& e, std::string_view joint) {
  validate_diagnosis(e.diagnosis, e.side, joint);
  if (e.kl_grade && (*e.kl_grade < 0 || *e.kl_grade > 4)) throw InputError("kl_grade", "not_0_to_4"_err);
  if (e.tonnis_grade && (*e.tonnis_grade < 0 || *e.tonnis_grade > 3))
    throw InputError("tonnis_grade", "not_0_to_3"_err);
  if (e.harvest_date && e.injection_date && *e.injection_date < *e.harvest_date) {
    throw InputError("injection_date", "before_harvest_date"_err);
  }
}

}  // namespace rp
