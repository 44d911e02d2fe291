#include "domain/eligibility.hpp"

#include <cmath>
#include <set>

#include "base/error.hpp"

namespace rp {
namespace {

template <typename F>
void for_each_rule(const EligibilityRules& rules, F&& f) {
  f(rules.indication, "indication");
  for (const auto& r : rules.exclusions) f(r, "exclusion");
  for (const auto& r : rules.cautions) f(r, "caution");
}

// Grades with a published range; other numeric findings only need to be non-negative.
void check_range(const std::string& name, double v) {
  if (name == "kl_grade" && (v != std::floor(v) || v < 0 || v > 4)) {
    throw InputError(name, "kl_grade_range"_err);
  }
  if (name == "tonnis_grade" && (v != std::floor(v) || v < 0 || v > 3)) {
    throw InputError(name, "tonnis_grade_range"_err);
  }
  if (v < 0) throw InputError(name, "negative"_err);
}

}  // namespace

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::eligible:
      return "eligible";
    case Decision::ineligible:
      return "ineligible";
    case Decision::needs_review:
      return "needs_review";
  }
  return "needs_review";
}

Findings check_findings(const RecordedFindings& recorded, const EligibilityRules& rules) {
  std::map<std::string, bool> boolean_finding;
  for_each_rule(rules, [&](const EligibilityRule& r, const char*) { boolean_finding[r.finding] = r.is_boolean(); });
  Findings out;
  for (const auto& [name, value] : recorded) {
    const auto known = boolean_finding.find(name);
    if (known == boolean_finding.end()) throw InputError(name, "unknown_finding"_err);
    if (value.kind == RecordedFinding::Kind::not_recorded) continue;
    if (known->second) {
      if (value.kind != RecordedFinding::Kind::yes_no) throw InputError(name, "not_a_boolean"_err);
      out[name] = value.value != 0 ? 1 : 0;
    } else {
      if (value.kind != RecordedFinding::Kind::number) throw InputError(name, "not_a_number"_err);
      const double v = value.value;
      if (!std::isfinite(v)) throw InputError(name, "not_finite"_err);
      check_range(name, v);
      out[name] = v;
    }
  }
  return out;
}

EligibilityResult assess_eligibility(const EligibilityRules& rules, const Findings& findings) {
  EligibilityResult result;
  bool excluded = false, review = false;
  std::set<std::string> excluded_findings, missing_reported;
  auto missing = [&](const EligibilityRule& r) {
    if (missing_reported.insert(r.finding).second) {
      result.reasons.push_back(
          {r.id, "missing", r.finding, {"Not yet recorded: " + r.finding, "هنوز ثبت نشده: " + r.finding}});
    }
    review = true;
  };
  for (const auto& r : rules.exclusions) {
    const auto f = findings.find(r.finding);
    if (f == findings.end()) {
      missing(r);
    } else if (r.matches(f->second)) {
      result.reasons.push_back({r.id, "exclusion", r.finding, r.text});
      excluded = true;
      excluded_findings.insert(r.finding);
    }
  }
  const EligibilityRule& ind = rules.indication;
  if (const auto f = findings.find(ind.finding); f == findings.end()) {
    missing(ind);
  } else if (ind.matches(f->second)) {
    result.reasons.push_back({ind.id, "indication", ind.finding, ind.text});
  } else if (!excluded_findings.count(ind.finding)) {
    // An exclusion on the same finding (severe OA) already says why.
    result.reasons.push_back(
        {ind.id, "indication_not_met", ind.finding, {"Not met: " + ind.text.en, "برقرار نیست: " + ind.text.fa}});
    excluded = true;
  } else {
    excluded = true;
  }
  for (const auto& r : rules.cautions) {
    const auto f = findings.find(r.finding);
    if (f == findings.end()) {
      missing(r);
    } else if (r.matches(f->second)) {
      result.reasons.push_back({r.id, "caution", r.finding, r.text});
      review = true;
    }
  }
  result.decision = excluded ? Decision::ineligible : review ? Decision::needs_review : Decision::eligible;
  return result;
}

}  // namespace rp
