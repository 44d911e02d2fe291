#pragma once
// JSON shapes of the audit check and of "who saw this patient", shared by the HTTP API
// and the command line so that both answer alike.
#include <nlohmann/json.hpp>
#include <vector>

#include "service/audit.hpp"

namespace rp::api {

// {verdict, intact, tampered, rows, first_broken_seq, problem, unanchored_rows,
//  anchors: {file, exists, public_key, count, last_seq, last_at, defects: [{line, why}]},
//  records: {checked, unchecked, changed: [{kind, id, last_seq, why}], changed_elsewhere},
//  findings: [text]}
nlohmann::json audit_verification_json(const service::AuditVerification& v, const std::string& public_key);

// {seq, at, actor, role, centre, action, entity, entity_id, via: record | list}: one row
// that opened, wrote or listed a patient (who-saw and the audit viewer alike).
nlohmann::json patient_access_json(const service::PatientAccess& access);

// [patient_access_json, ...]
nlohmann::json who_saw_json(const std::vector<service::PatientAccess>& rows);

}  // namespace rp::api
