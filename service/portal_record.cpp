// The signed-in patient's own record, as the portal shows it, with its audit row.
#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/patient_access.hpp"
#include "service/submissions.hpp"

namespace rp::service {

PortalRecord Submissions::portal_record(const Actor& patient) {
  require_portal_patient(patient);
  PortalRecord r;
  store_.write(record_scope(patient), [&](store::Transaction& tx) {
    auto p = tx.find_patient(*patient.patient_id);
    if (!p) throw NotFoundError("patient", "no_patient"_err);
    r.patient = *p;
    r.episodes = tx.episodes_of_patient(p->id);
    for (const auto& e : r.episodes) r.schedules.push_back(tx.schedule_of(e.id));
    tx.append_audit(
        audit_entry(clock_, patient, p->centre_id, "patient.read", "patient", std::to_string(p->id), "portal"));
  });
  return r;
}

}  // namespace rp::service
