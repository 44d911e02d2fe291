#pragma once
// Eligibility as data: the protocol's indication, exclusions and cautions applied to
// the findings of the screening and work-up.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "domain/protocol.hpp"

namespace rp {

// Finding name -> value; booleans are 1 or 0.
using Findings = std::map<std::string, double>;

// A finding as the clinician sent it, before the rules have checked it: not recorded yet,
// yes or no, a number, or a value of another type (which the rules refuse). Mapping a
// request body to this is the api's (api/findings_json.hpp); keeping it is the store's.
// Written in code as a literal: {{"kl_grade", 2}, {"diabetes", false}, {"bmi", nullptr}}.
struct RecordedFinding {
  enum class Kind { not_recorded, yes_no, number, other };
  Kind kind = Kind::not_recorded;
  double value = 0;    // yes_no: 1 or 0; number: the number
  bool whole = false;  // number: written without a fraction (2, not 2.0), kept so when stored

  RecordedFinding() = default;
  RecordedFinding(std::nullptr_t) {}
  RecordedFinding(bool yes) : kind(Kind::yes_no), value(yes ? 1 : 0) {}
  RecordedFinding(int number) : kind(Kind::number), value(number), whole(true) {}
  RecordedFinding(double number, bool whole_number = false) : kind(Kind::number), value(number), whole(whole_number) {}
  static RecordedFinding of_other_type() {
    RecordedFinding f;
    f.kind = Kind::other;
    return f;
  }
};
using RecordedFindings = std::map<std::string, RecordedFinding>;

// Checks recorded findings against the rules, in name order: only findings some rule
// names, yes or no for yes/no rules, numbers for the others, grades in range. Throws
// InputError naming the finding. Findings not recorded yet are left out.
Findings check_findings(const RecordedFindings& recorded, const EligibilityRules& rules);

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
