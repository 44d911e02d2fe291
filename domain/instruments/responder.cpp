#include "domain/instruments/responder.hpp"

#include <string>

#include "base/error.hpp"

namespace rp::instruments {
namespace {

constexpr double kTolerance = 1e-9;

void check_0_100(double v, std::string_view prefix, std::string_view name) {
  if (!(v >= 0 && v <= 100)) {
    const std::string field = std::string(prefix) + "." + std::string(name);
    throw InputError(field, "responder_scale_range"_err, {{"field", field}, {"value", std::to_string(v)}});
  }
}

void check_nrs(int v, std::string_view field) {
  if (v < 0 || v > 10) {
    throw InputError(std::string(field), "responder_nrs_range"_err, {{"field", std::string(field)}});
  }
}

}  // namespace

std::string_view oarsi_criterion_name(OarsiCriterion c) { return c == OarsiCriterion::high ? "high" : "moderate"; }

void validate_oarsi_domains(const OarsiDomains& d, std::string_view prefix) {
  check_0_100(d.pain, prefix, "pain");
  check_0_100(d.function, prefix, "function");
  check_0_100(d.global, prefix, "global");
}

bool improved_by(double baseline, double followup, double relative, double absolute) {
  if (!(baseline > 0)) return false;  // nothing to improve: relative change undefined
  const double gain = baseline - followup;
  return gain >= absolute - kTolerance && gain >= relative * baseline - kTolerance;
}

OarsiResult oarsi_responder(const OarsiDomains& b, const OarsiDomains& f, const OarsiThresholds& t) {
  const bool high = improved_by(b.pain, f.pain, t.high_relative, t.high_absolute) ||
                    improved_by(b.function, f.function, t.high_relative, t.high_absolute);
  if (high) return {true, OarsiCriterion::high};
  const int moderate = int(improved_by(b.pain, f.pain, t.moderate_relative, t.moderate_absolute)) +
                       int(improved_by(b.function, f.function, t.moderate_relative, t.moderate_absolute)) +
                       int(improved_by(b.global, f.global, t.moderate_relative, t.moderate_absolute));
  if (moderate >= t.moderate_min_domains) return {true, OarsiCriterion::moderate};
  return {false, std::nullopt};
}

ImmpactResult immpact_nrs_response(int baseline, int followup, const ImmpactThresholds& t) {
  check_nrs(baseline, "nrs_pain.baseline");
  check_nrs(followup, "nrs_pain.followup");
  ImmpactResult r;
  if (baseline == 0) return r;
  r.reduction = static_cast<double>(baseline - followup) / baseline;
  // Relative thresholds only: IMMPACT's absolute equivalents rest on secondary summaries.
  r.moderate = improved_by(baseline, followup, t.moderate_relative, 0);
  r.substantial = improved_by(baseline, followup, t.substantial_relative, 0);
  return r;
}

McidResult hoos_pain_mcid(double baseline, double followup, const McidThreshold& t) {
  check_0_100(baseline, "hoos_pain", "baseline");
  check_0_100(followup, "hoos_pain", "followup");
  const double improvement = followup - baseline;
  return {improvement, improvement >= t.value - kTolerance};
}

}  // namespace rp::instruments
