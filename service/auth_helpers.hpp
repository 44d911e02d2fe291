#pragma once
// Pieces shared by the staff and the patient halves of sign-in (auth.cpp,
// patient_sign_in.cpp); not for other services.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/patient.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

inline Actor patient_actor(std::int64_t patient_id, const std::string& centre_id) {
  return {"patient:" + std::to_string(patient_id), Role::patient, centre_id, false, patient_id};
}

// The patients registered with a normalised mobile number, in every centre.
inline std::vector<Patient> patients_with_mobile(store::Transaction& tx, const std::string& mobile) {
  store::PatientQuery q;
  q.text = mobile;
  q.limit = 20;
  auto all = tx.list_patients(q);
  std::erase_if(all, [&](const Patient& p) { return p.mobile != mobile; });
  return all;
}

inline bool is_hex_token(std::string_view t, std::size_t length) {
  return t.size() == length &&
         std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace rp::service
