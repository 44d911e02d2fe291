// Labels (service/labels.hpp): read, draw, then record the print in its own transaction,
// so the store's writer is not held while a PDF is drawn; the record is re-read there and
// a product or patient gone or moved meanwhile is not printed.
#include "service/labels.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/patient_access.hpp"
#include "service/product_access.hpp"

namespace rp::service {
namespace {

std::string what_printed(const LabelPrint& print) {
  return print.format + " " + print.lang + (print.location.empty() ? "" : " at " + print.location.substr(0, 200));
}

}  // namespace

std::string Labels::product_label(const Actor& actor, const std::string& din_text, const LabelPrint& print,
                                  const ProductLabelRenderer& render) {
  require(actor, Permission::episode_read);
  const product::Din din = product::parse_din(din_text);
  product::Product p;
  Patient donor;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    p = visible_product(tx, actor, din);
    const auto patient = tx.find_patient(p.patient_id);
    if (!patient) throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(p.patient_id)}});
    donor = *patient;
  });
  std::string out = render(p, donor);
  if (!print.record) return out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const product::Product now_p = visible_product(tx, actor, din);
    const std::string now = clock_.now_iso();
    const std::string state(product::to_string(now_p.state));
    tx.insert_product_event({0, now_p.id, now, actor.user, std::string(to_string(actor.role)), print.location,
                             "label_printed", "din " + din.with_check(),
                             print.format + " " + print.lang + ", " + state});
    tx.append_audit(audit_entry(clock_, actor, now_p.centre_id, "product.label_printed", "product",
                                std::to_string(now_p.id), now_p.din + " " + what_printed(print)));
  });
  return out;
}

std::string Labels::wristband(const Actor& actor, std::int64_t patient_id, const LabelPrint& print,
                              const WristbandRenderer& render) {
  require(actor, Permission::patient_read);
  Patient patient;
  store_.read(record_scope(actor), [&](store::Transaction& tx) { patient = visible_patient(tx, actor, patient_id); });
  std::string out = render(patient);
  if (!print.record) return out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient now_p = visible_patient(tx, actor, patient_id);
    tx.append_audit(audit_entry(clock_, actor, now_p.centre_id, "patient.wristband_printed", "patient",
                                std::to_string(now_p.id), what_printed(print)));
  });
  return out;
}

std::string Labels::wristband_by_mrn(const Actor& actor, const std::string& mrn, const std::string& centre,
                                     const LabelPrint& print, const WristbandRenderer& render) {
  require(actor, Permission::patient_read);
  std::vector<std::int64_t> found;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    store::PatientQuery q{std::nullopt, mrn, false, std::nullopt, 50};
    if (!actor.all_centres) q.centre_id = actor.centre;
    for (const Patient& p : tx.list_patients(q))
      if (p.mrn == mrn && actor.sees_centre(p.centre_id) && (centre.empty() || p.centre_id == centre))
        found.push_back(p.id);
  });
  if (found.empty()) throw NotFoundError("mrn", "patient_mrn_not_found"_err, {{"mrn", mrn}});
  if (found.size() > 1) throw InputError("centre", "required"_err);
  return wristband(actor, found.front(), print, render);
}

}  // namespace rp::service
