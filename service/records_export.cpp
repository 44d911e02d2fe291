// The centre's records in bulk (service/records_export.hpp): the audit row first, then
// one snapshot read a page of patients at a time, each handed out as it is read.
#include "service/records_export.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/records_import.hpp"

namespace rp::service {
namespace {

// Patients read per list query: enough that the queries cost nothing beside the records,
// few enough that a page's patients are a small part of memory.
constexpr int kPatientsPerPage = 500;

// The admin's own centre (any other is refused); the operator's choice, or every centre.
std::optional<std::string> centre_in_scope(const Actor& actor, const RecordsExportRequest& request) {
  require(actor, Permission::records_export);
  if (actor.all_centres) return request.centre_id;
  if (request.centre_id && *request.centre_id != actor.centre)
    throw ForbiddenError("centre", "own_centre_records_only"_err);
  return actor.centre;
}

}  // namespace

RecordsExportSummary export_records(store::Store& store, const Clock& clock, const Actor& actor,
                                    const RecordsExportRequest& request, const RecordsExportSink& sink,
                                    HeavyReads* heavy) {
  RecordsExportSummary out;
  out.centre_id = centre_in_scope(actor, request);
  const std::optional<std::string>& centre = out.centre_id;
  // Who took whose records, durable before anything is handed out; a centre that does not
  // exist is named as such and leaves no row.
  store.write([&](store::Transaction& tx) {
    if (centre && !tx.find_centre(*centre))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", *centre}});
    tx.append_audit(audit_entry(clock, actor, centre.value_or(""), "records.export", "centre", centre.value_or("*")));
  });
  const RecordsWanted wanted{centre, std::nullopt, true};
  const auto read_all = [&](store::Transaction& tx) {
    std::vector<Centre> centres;
    for (auto& c : tx.list_centres())
      if (!centre || c.id == *centre) centres.push_back(std::move(c));
    if (sink.centres) sink.centres(centres, export_source(tx));
    out.patients = out.episodes = 0;
    store::PatientQuery q;
    q.centre_id = centre;
    q.limit = kPatientsPerPage;
    for (;;) {
      std::vector<Patient> page = tx.list_patients(q);
      for (auto& p : page) {
        PatientRecords records{std::move(p), {}};
        // Every episode of the patient at the centre being exported: a patient registered
        // at two centres is two patients, each centre's with its own episodes.
        RecordsWanted at_their_centre = wanted;
        at_their_centre.centre_id = records.patient.centre_id;
        records.episodes = episodes_in_scope(tx, records.patient.id, at_their_centre);
        read_episode_records(tx, records.episodes, at_their_centre);
        records.links = tx.fhir_links_of_patient(records.patient.id);
        ++out.patients;
        out.episodes += static_cast<std::int64_t>(records.episodes.size());
        if (sink.patient) sink.patient(std::move(records));
      }
      if (static_cast<int>(page.size()) < q.limit) break;
      q.after = page.back().id;
    }
    HeavyReads::inside_read(heavy);
  };
  const HeavyReads::Slot slot = HeavyReads::enter(heavy);
  slot.run([&] {
    // One centre's export reads under that centre's scope: on PostgreSQL its row-level
    // security keeps any other centre's rows out even if a check above were missed.
    if (centre)
      store.snapshot(store::CentreScope::of_centre(*centre), read_all);
    else
      store.snapshot(read_all);
  });
  return out;
}

PatientRecords read_patient_records(store::Store& store, const Clock& clock, const Actor& actor,
                                    std::int64_t patient_id) {
  require(actor, Permission::patient_read);
  const auto not_found = [&] {
    return NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(patient_id)}});
  };
  std::optional<PatientRecords> out;
  // The read and its audit row in one transaction, held to the reader's centre: on
  // PostgreSQL its row security keeps another centre's rows out as well.
  const auto read = [&](store::Transaction& tx) {
    std::optional<Patient> p = tx.find_patient(patient_id);
    if (!p || !actor.sees_centre(p->centre_id)) throw not_found();
    const RecordsWanted wanted{p->centre_id, std::nullopt, true};
    out = PatientRecords{std::move(*p), episodes_in_scope(tx, patient_id, wanted)};
    read_episode_records(tx, out->episodes, wanted);
    out->links = tx.fhir_links_of_patient(patient_id);
    tx.append_audit(audit_entry(clock, actor, out->patient.centre_id, "patient.read", "patient",
                                std::to_string(patient_id), "fhir"));
  };
  if (actor.all_centres)
    store.write(read);
  else
    store.write(store::CentreScope::of_centre(actor.centre), read);
  const IdentifierAccess shown = identifiers_shown(actor, PatientView::record);
  if (!shown.national_id) out->patient.national_id.clear();
  if (!shown.mobile) out->patient.mobile.clear();
  return std::move(*out);
}

}  // namespace rp::service
