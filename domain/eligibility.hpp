#pragma once
// Eligibility as data: the protocol's indication, exclusions and cautions applied to
// the findings of the screening and work-up.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/protocol.hpp"

namespace rp {

// Finding name -> value; booleans are 1 or 0.
using Findings = std::map<std::string, double>;

// Checks a JSON object of findings against the rules: only findings some rule names,
// booleans for yes/no rules, numbers for the others, grades in range. Throws InputError
// naming the finding.
Findings parse_findings(const nlohmann::json& json, const EligibilityRules& rules);

enum class Decision { eligible, ineligible, needs_review };
std::string_view to_string(Decision d);

struct EligibilityReason {
  std::string rule;     // rule id
  std::string kind;     // indication | indication_not_met | exclusion | caution | missing
  std::string finding;  // the finding the rule reads
  LocalText text;
};

struct EligibilityResult {
  Decision decision = Decision::needs_review;
  std::vector<EligibilityReason> reasons;
};

// An exclusion or an unmet indication makes the patient ineligible; otherwise a caution or
// a finding not yet recorded needs a clinician's review; otherwise eligible. Every rule
// that contributed is listed.
EligibilityResult assess_eligibility(const EligibilityRules& rules, const Findings& findings);

}  // namespace rp
