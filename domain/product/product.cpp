// The cell product's states and rules (domain/product/product.hpp).
#include "domain/product/product.hpp"

#include <algorithm>

#include "base/enum_names.hpp"
#include "base/error.hpp"

namespace rp::product {
namespace {

constexpr EnumNames<State, 9> kStates{{{State::received, "received"},
                                       {State::processing, "processing"},
                                       {State::qc_pending, "qc_pending"},
                                       {State::awaiting_release, "awaiting_release"},
                                       {State::released, "released"},
                                       {State::quarantined, "quarantined"},
                                       {State::used, "used"},
                                       {State::discarded, "discarded"},
                                       {State::expired, "expired"}}};

constexpr EnumNames<Method, 4> kMethods{{{Method::density_gradient, "density_gradient"},
                                         {Method::centrifugation, "centrifugation"},
                                         {Method::enzymatic_svf, "enzymatic_svf"},
                                         {Method::culture_expansion, "culture_expansion"}}};

constexpr EnumNames<QcResult, 4> kQcResults{{{QcResult::not_done, "not_done"},
                                             {QcResult::pending, "pending"},
                                             {QcResult::passed, "passed"},
                                             {QcResult::failed, "failed"}}};

constexpr EnumNames<Verdict, 7> kVerdicts{{{Verdict::ok, "ok"},
                                           {Verdict::wrong_patient, "wrong_patient"},
                                           {Verdict::not_released, "not_released"},
                                           {Verdict::expired, "expired"},
                                           {Verdict::used, "used"},
                                           {Verdict::failed_qc, "failed_qc"},
                                           {Verdict::quarantined, "quarantined"}}};

bool covered(const Product& p, std::string_view criterion) {
  return std::find(p.exception_criteria.begin(), p.exception_criteria.end(), criterion) != p.exception_criteria.end();
}

// A QC test that failed and that no release exception covered: the product must not be
// injected, even when the result came back after release.
bool has_uncovered_qc_failure(const Product& p) {
  const std::pair<const QcTest*, std::string_view> tests[] = {
      {&p.sterility, "sterility"}, {&p.endotoxin, "endotoxin"}, {&p.mycoplasma, "mycoplasma"}};
  for (const auto& [test, name] : tests)
    if (test->result == QcResult::failed && !covered(p, name)) return true;
  return false;
}

}  // namespace

std::string_view to_string(State s) { return enum_name(kStates, s); }
State parse_state(std::string_view text, std::string_view field) { return parse_enum(kStates, text, field); }
const std::vector<State>& all_states() {
  static const std::vector<State> states = enum_values(kStates);
  return states;
}

// The lab's path is received → processing → qc_pending → awaiting_release → released →
// used. Any open state may be quarantined (a doubt to resolve), discarded or expired; a
// quarantined product goes back to awaiting release once cleared; a released product that
// comes back unused from theatre is quarantined until the lab has looked at it.
std::vector<State> allowed_transitions(State from) {
  using S = State;
  switch (from) {
    case S::received:
      return {S::processing, S::quarantined, S::discarded, S::expired};
    case S::processing:
      return {S::qc_pending, S::quarantined, S::discarded, S::expired};
    case S::qc_pending:
      return {S::awaiting_release, S::quarantined, S::discarded, S::expired};
    case S::awaiting_release:
      return {S::released, S::qc_pending, S::quarantined, S::discarded, S::expired};
    case S::released:
      return {S::used, S::quarantined, S::discarded, S::expired};
    case S::quarantined:
      return {S::awaiting_release, S::discarded, S::expired};
    case S::used:
    case S::discarded:
    case S::expired:
      return {};
  }
  return {};
}

void check_transition(State from, State to) {
  const auto next = allowed_transitions(from);
  if (std::find(next.begin(), next.end(), to) == next.end())
    throw ConflictError("state", "product_transition_not_allowed"_err,
                        {{"from", std::string(to_string(from))}, {"to", std::string(to_string(to))}});
}

std::string_view to_string(Method m) { return enum_name(kMethods, m); }
Method parse_method(std::string_view text, std::string_view field) { return parse_enum(kMethods, text, field); }
std::string_view to_string(QcResult r) { return enum_name(kQcResults, r); }
QcResult parse_qc_result(std::string_view text, std::string_view field) { return parse_enum(kQcResults, text, field); }
std::string_view to_string(Verdict v) { return enum_name(kVerdicts, v); }

std::vector<std::string> failed_criteria(const Product& p, const ReleaseCriteria& c) {
  std::vector<std::string> failed;
  if (!p.total_nucleated_cells || *p.total_nucleated_cells <= 0) failed.emplace_back("counts");
  if (!p.viability_percent || *p.viability_percent < c.min_viability_percent) failed.emplace_back("viability");
  const bool sterility_ok = p.sterility.result == QcResult::passed ||
                            (c.sterility_pending_allowed && p.sterility.result == QcResult::pending);
  if (!sterility_ok) failed.emplace_back("sterility");
  if (p.endotoxin.result == QcResult::failed) failed.emplace_back("endotoxin");
  if (p.mycoplasma.result == QcResult::failed) failed.emplace_back("mycoplasma");
  if (c.isct_markers_for_expanded && p.method == Method::culture_expansion && p.isct_markers_met != true)
    failed.emplace_back("isct_markers");
  return failed;
}

std::vector<std::string> check_release(const Product& p, const std::string& releaser, const ReleaseCriteria& c,
                                       const std::optional<ReleaseException>& exception) {
  if (p.state != State::awaiting_release) check_transition(p.state, State::released);
  // Four eyes: the person who released is never the person who processed.
  if (releaser.empty()) throw InputError("released_by", "required"_err);
  if (releaser == p.processed_by) throw ConflictError("released_by", "product_release_same_person"_err);
  const auto failed = failed_criteria(p, c);
  if (failed.empty()) return {};
  std::string names;
  for (const auto& f : failed) names += (names.empty() ? "" : ", ") + f;
  if (!exception) throw ConflictError("criteria", "product_release_criteria_failed"_err, {{"criteria", names}});
  if (exception->surgeon.empty()) throw InputError("exception.surgeon", "required"_err);
  if (exception->reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError("exception.reason", "required"_err);
  return failed;
}

Verdict bedside_verdict(const Product& p, std::int64_t patient_id, std::string_view now) {
  if (p.patient_id != patient_id) return Verdict::wrong_patient;
  if (p.state == State::used) return Verdict::used;
  if (p.state == State::expired || (!p.expires_at.empty() && now >= p.expires_at)) return Verdict::expired;
  if (p.state == State::quarantined) return Verdict::quarantined;
  if (has_uncovered_qc_failure(p)) return Verdict::failed_qc;
  if (p.state != State::released) return Verdict::not_released;
  return Verdict::ok;
}

bool IsctPanel::empty() const {
  return !cd105 && !cd73 && !cd90 && !cd45 && !cd34 && !cd14_or_cd11b && !cd79a_or_cd19 && !hla_dr;
}

bool IsctPanel::complete() const {
  return cd105 && cd73 && cd90 && cd45 && cd34 && cd14_or_cd11b && cd79a_or_cd19 && hla_dr;
}

std::vector<std::string> isct_markers_missed(const IsctPanel& panel, const ReleaseCriteria& c) {
  std::vector<std::string> missed;
  const std::pair<const std::optional<double>*, const char*> positives[] = {
      {&panel.cd105, "cd105"}, {&panel.cd73, "cd73"}, {&panel.cd90, "cd90"}};
  for (const auto& [value, name] : positives)
    if (*value && **value < c.isct_positive_min_percent) missed.emplace_back(name);
  const std::pair<const std::optional<double>*, const char*> negatives[] = {{&panel.cd45, "cd45"},
                                                                            {&panel.cd34, "cd34"},
                                                                            {&panel.cd14_or_cd11b, "cd14_or_cd11b"},
                                                                            {&panel.cd79a_or_cd19, "cd79a_or_cd19"},
                                                                            {&panel.hla_dr, "hla_dr"}};
  for (const auto& [value, name] : negatives)
    if (*value && **value > c.isct_negative_max_percent) missed.emplace_back(name);
  return missed;
}

std::optional<bool> isct_panel_met(const IsctPanel& panel, const ReleaseCriteria& c) {
  if (!panel.complete()) return std::nullopt;
  return isct_markers_missed(panel, c).empty();
}

}  // namespace rp::product
