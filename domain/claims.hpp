#pragma once
// Outcome claims as configuration, and the rules that judge a claim against what the
// registry measured. A claim is never shown as a fact: it is a statement under test, with
// the measured figure, its 95 % CI and its n beside it.
//
// Verdicts:
//   consistent        the 95 % CI overlaps the claimed value or range (this does not prove
//                     the claim; it only fails to contradict it)
//   contradicted      the 95 % CI lies wholly outside the claimed value or range
//   insufficient_data fewer patients than the claim's minimum n have the outcome known at
//                     the claim's time point, or nobody was followed long enough
//   not_measurable    the data to judge it are waiting on the clinic (a harm claim while an
//                     adverse event is ungraded or a red flag untriaged)
//   not_testable      the claim cannot be tested from the clinic's own data (a comparison
//                     with another treatment); its note says why
// Every verdict carries the n it rests on.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/protocol.hpp"

namespace rp {

enum class ClaimMetric {
  responder_rate,              // proportion responding by `definition` at `time_point`
  survival_free_of_thr,        // Kaplan–Meier probability of no hip replacement at `day`
  back_to_daily_activities,    // proportion back to usual daily activities by `day`
  serious_adverse_event_rate,  // proportion of treated patients with a serious adverse event
  duration_of_benefit,         // of responders at `time_point`, the proportion still responding at `until`
  adverse_event_share,         // of adverse events after treatment, the proportion in `categories`
  not_testable,                // stated, not measurable here: see the claim's note
};
std::string_view to_string(ClaimMetric m);

enum class ResponderDefinition {
  omeract_oarsi,   // OMERACT-OARSI high or moderate (HOOS pain, HOOS ADL, patient global)
  nrs_30,          // pain NRS down by at least 30 % (IMMPACT moderate)
  nrs_50,          // pain NRS down by at least 50 % (IMMPACT substantial)
  hoos_pain_mcid,  // HOOS pain up by at least the configured MCID
};
std::string_view to_string(ResponderDefinition d);
std::optional<ResponderDefinition> parse_responder_definition(std::string_view text);
const std::vector<ResponderDefinition>& all_responder_definitions();

// Which side of the claim a patient with unknown outcome is put on for the worst case:
// a claim that a proportion is high (success) is tested with the missing as failures; a
// claim that it is low (serious harm) with the missing as harmed.
enum class Favourable { high, low };

struct Claim {
  std::string id;
  LocalText words;  // the claim as the article states it
  LocalText note;   // how an undefined term was made measurable; may be empty
  ClaimMetric metric = ClaimMetric::responder_rate;
  std::optional<ResponderDefinition> definition;  // responder_rate, duration_of_benefit
  std::string time_point;                         // schedule item id (prom-6m)
  std::string until;                              // duration_of_benefit: the later item
  int day = 0;                                    // survival_free_of_thr, back_to_daily_activities
  std::vector<std::string> categories;            // adverse_event_share
  double low = 0, high = 1;                       // claimed proportion or range, 0–1
  Favourable favourable = Favourable::high;
  std::int64_t min_n = 0;
  int min_follow_up_days = 0;
};

struct ClaimSet {
  LocalText source;  // where the claims come from
  std::vector<Claim> claims;
};

// Parses a claims file. `source` names the file in errors, which say the line and the key
// path (claims[2].claimed.low): InputError(field = key path).
ClaimSet parse_claims(std::string_view yaml_text, std::string_view source);

enum class Verdict { consistent, contradicted, insufficient_data, not_measurable, not_testable };
std::string_view to_string(Verdict v);

// What the registry measured for one claim. Proportions are 0–1; NaN where not estimable.
struct ClaimMeasurement {
  // Records the verdict waits on (ungraded adverse events, untriaged red flags): while any
  // is waiting the verdict is not_measurable.
  std::int64_t awaiting_assessment = 0;
  std::int64_t n = 0;                         // patients whose outcome at the claim's time point is known
  std::int64_t missing = 0;                   // treated patients due at that time point whose outcome is unknown
  std::int64_t events = 0;                    // responders, patients back to activities, patients with a serious AE
  double estimate = 0, lower = 0, upper = 0;  // the figure and its 95 % CI
  int longest_follow_up_days = 0;             // the longest follow-up in the cohort
  // All `missing` counted against the claim (see Favourable), with its 95 % CI.
  double worst_estimate = 0, worst_lower = 0, worst_upper = 0;
};

struct Judgement {
  Verdict verdict = Verdict::insufficient_data;
  // n_below_minimum | follow_up_too_short | not_estimable | ci_excludes_claim |
  // ci_includes_claim | events_not_assessed | no_data_here
  std::string reason;
  Verdict worst_case = Verdict::insufficient_data;  // the same rules applied to the worst-case figure
};

// The CI touching the claimed range counts as including it (consistent).
Judgement judge(const Claim& claim, const ClaimMeasurement& m);

}  // namespace rp
