#pragma once
// A centre's records, identified, in bulk: what another system of the same hospital takes
// in (the FHIR bulk export, api/fhir/). Not the registry's de-identified export
// (service/deidentified_export.hpp): this one names the patients, so it is the centre's
// own, and only its admin (or the operator at the command line) may take it.
//
// The records are handed out patient by patient from one read snapshot, so that a centre
// of a hundred thousand patients is written as it is read and never held whole in memory,
// and the clinic's writes go on beside it. The audit row (who took which centre's records)
// is written and durable before the first record is handed out.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/centre.hpp"
#include "service/actor.hpp"
#include "service/heavy_reads.hpp"
#include "service/patient_records.hpp"
#include "store/store.hpp"

namespace rp::service {

struct RecordsExportRequest {
  std::optional<std::string> centre_id;  // unset: the admin's own centre; the operator every centre
};

struct RecordsExportSink {
  // First, once: the centres the export covers, and the store's name as the source of
  // every resource (service::export_source: an import into the same store knows its own).
  std::function<void(const std::vector<Centre>&, const std::string& source)> centres;
  // Then each patient of those centres, by id, with every episode at that centre: the
  // sink's to keep (an export making resources on other threads moves them there).
  std::function<void(PatientRecords&&)> patient;
};

struct RecordsExportSummary {
  std::optional<std::string> centre_id;  // the one centre covered, unset for every centre
  std::int64_t patients = 0, episodes = 0;
};

// ForbiddenError for a role without records_export or an admin asking for another
// centre; NotFoundError("centre") for a centre that does not exist.
RecordsExportSummary export_records(store::Store& store, const Clock& clock, const Actor& actor,
                                    const RecordsExportRequest& request, const RecordsExportSink& sink,
                                    HeavyReads* heavy = nullptr);

// One patient's records, for a read of them as FHIR (/fhir/r4): staff who may read the
// centre's patients (patient_read), a patient of their own centre only (NotFoundError for
// any other, as for any record they cannot see); the national id and mobile left empty
// for a role not shown them on a record; an audit row, durable before anything is
// answered.
PatientRecords read_patient_records(store::Store& store, const Clock& clock, const Actor& actor,
                                    std::int64_t patient_id);

}  // namespace rp::service
