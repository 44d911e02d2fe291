#pragma once
// The findings of a hip patient the protocol finds eligible (KL 2, no contraindication),
// for service tests that walk a patient to the harvest.
#include "domain/eligibility.hpp"

namespace rp::test {

inline RecordedFindings eligible_hip_findings() {
  return {{"kl_grade", 2},
          {"active_infection", false},
          {"malignancy", false},
          {"bleeding_disorder", false},
          {"pregnancy", false},
          {"inflammatory_arthritis", false},
          {"weeks_since_intra_articular_steroid", 52},
          {"anticoagulant_use", false},
          {"diabetes", false},
          {"bmi", 26}};
}

}  // namespace rp::test
