#pragma once
// Store tests that need patients with a planned course, written through the use cases as
// the server writes them: centres by id, and a patient's episode planned from a harvest
// and an injection day.
#include <initializer_list>
#include <string>

#include "service/pathway.hpp"

namespace rp::test {

inline void add_centres(service::Pathway& pathway, std::initializer_list<const char*> ids) {
  const auto op = service::Actor::cli_operator();
  for (const std::string c : ids)
    pathway.upsert_centre(op, {c, "Centre " + c, "مرکز", "Tehran", "تهران", "licensed", "", ""});
}

// A right hip episode on the hip protocol for `patient_id`, planned (its schedule written).
inline Episode planned_episode(service::Pathway& pathway, std::int64_t patient_id, const CivilDate& harvest,
                               const CivilDate& injection) {
  const auto op = service::Actor::cli_operator();
  Episode e;
  e.patient_id = patient_id;
  e.protocol_id = "hip-msc-v1";
  e.side = Side::right;
  e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
  e = pathway.add_episode(op, e);
  pathway.plan(op, e.id, harvest, injection, "test");
  return e;
}

}  // namespace rp::test
