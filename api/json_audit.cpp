#include "api/json_audit.hpp"

#include "api/contract/audit.hpp"

namespace rp::api {

// The shapes are the contract's (api/contract/audit.hpp): the command line prints what the
// API answers.
nlohmann::json audit_verification_json(const service::AuditVerification& v, const std::string& public_key) {
  return http::encode(contract::audit_verification_out(v, public_key));
}

nlohmann::json patient_access_json(const service::PatientAccess& access) {
  return http::encode(contract::patient_access_out(access));
}

nlohmann::json who_saw_json(const std::vector<service::PatientAccess>& rows) {
  return http::encode(contract::who_saw_out(rows));
}

}  // namespace rp::api
