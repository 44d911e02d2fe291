#include "domain/adverse_event.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "base/enum_names.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

constexpr std::array<std::pair<SeriousReason, std::string_view>, 6> kReasons{{
    {SeriousReason::death, "death"},
    {SeriousReason::life_threatening, "life_threatening"},
    {SeriousReason::hospitalisation, "hospitalisation"},
    {SeriousReason::persistent_disability, "persistent_disability"},
    {SeriousReason::congenital_anomaly, "congenital_anomaly"},
    {SeriousReason::medically_important, "medically_important"},
}};
constexpr std::array<std::pair<Relatedness, std::string_view>, 3> kRelatedness{{
    {Relatedness::harvest, "harvest"},
    {Relatedness::injection, "injection"},
    {Relatedness::neither, "neither"},
}};
constexpr std::array<std::pair<EventOutcome, std::string_view>, 4> kOutcomes{{
    {EventOutcome::resolved, "resolved"},
    {EventOutcome::ongoing, "ongoing"},
    {EventOutcome::sequelae, "sequelae"},
    {EventOutcome::death, "death"},
}};

bool has(const std::vector<SeriousReason>& reasons, SeriousReason r) {
  return std::find(reasons.begin(), reasons.end(), r) != reasons.end();
}

}  // namespace

std::string_view to_string(SeriousReason r) { return enum_name(kReasons, r); }
SeriousReason parse_serious_reason(std::string_view text, std::string_view field) {
  return parse_enum(kReasons, text, field);
}
const std::vector<SeriousReason>& all_serious_reasons() {
  static const std::vector<SeriousReason> all = enum_values(kReasons);
  return all;
}

std::string_view to_string(Relatedness r) { return enum_name(kRelatedness, r); }
Relatedness parse_relatedness(std::string_view text, std::string_view field) {
  return parse_enum(kRelatedness, text, field);
}
std::string_view to_string(EventOutcome o) { return enum_name(kOutcomes, o); }
EventOutcome parse_event_outcome(std::string_view text, std::string_view field) {
  return parse_enum(kOutcomes, text, field);
}

const std::vector<std::string_view>& adverse_event_categories() {
  static const std::vector<std::string_view> all{
      "injection_site_pain", "swelling", "effusion",  "flare", "harvest_site_pain", "bleeding_haematoma", "infection",
      "allergic_reaction",   "fever",    "vasovagal", "other"};
  return all;
}

const std::vector<std::string_view>& red_flag_categories() {
  static const std::vector<std::string_view> all{"unusual_pain", "swelling", "redness", "fever", "other"};
  return all;
}

void check_category(std::string_view kind, std::string_view category) {
  const auto& allowed = kind == "red_flag" ? red_flag_categories() : adverse_event_categories();
  if (std::find(allowed.begin(), allowed.end(), category) != allowed.end()) return;
  std::string list;
  for (std::string_view c : allowed) list += (list.empty() ? "" : ", ") + std::string(c);
  throw InputError("category", "not_one_of"_err, {{"value", std::string(category.substr(0, 64))}, {"allowed", list}});
}

bool EventAssessment::is_serious() const { return !serious.empty() || (ctcae_grade && *ctcae_grade >= 4); }
bool EventAssessment::is_assessed() const { return ctcae_grade.has_value() || !serious.empty(); }

void validate_assessment(EventAssessment& a) {
  if (a.ctcae_grade && (*a.ctcae_grade < 1 || *a.ctcae_grade > 5))
    throw InputError("ctcae_grade", "ctcae_grade_range"_err);
  std::sort(a.serious.begin(), a.serious.end());
  a.serious.erase(std::unique(a.serious.begin(), a.serious.end()), a.serious.end());
  // A death is one fact: CTCAE grade 5 is "death related to the adverse event".
  const bool grade_death = a.ctcae_grade == 5;
  const bool outcome_death = a.outcome == EventOutcome::death;
  const bool reason_death = has(a.serious, SeriousReason::death);
  if (grade_death && a.outcome && !outcome_death) throw InputError("outcome", "grade_5_needs_death"_err);
  if (outcome_death && a.ctcae_grade && !grade_death) throw InputError("ctcae_grade", "death_needs_grade_5"_err);
  if (reason_death && a.outcome && !outcome_death) throw InputError("outcome", "death_criterion_needs_death"_err);
  // An event that ended in death is serious by that criterion, whether or not it was ticked.
  if ((grade_death || outcome_death) && !reason_death) a.serious.insert(a.serious.begin(), SeriousReason::death);
}

std::string serious_reasons_text(const std::vector<SeriousReason>& reasons) {
  std::string out;
  for (SeriousReason r : reasons) {
    if (!out.empty()) out += ',';
    out += to_string(r);
  }
  return out;
}

std::vector<SeriousReason> parse_serious_reasons_text(std::string_view text, std::string_view field) {
  std::vector<SeriousReason> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.push_back(parse_serious_reason(text.substr(0, comma), field));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace rp
