#pragma once
// The registry's de-identified export as FHIR R4 resources (issue 20: the Bulk Data export
// "for the de-identified registry", GET /fhir/r4/Group/registry/$export and
// `regenpath fhir export --deidentified`). Made from the de-identified export's rows
// (service/deidentified_export.hpp), never from the records, so that it can hold nothing
// those rows do not: no name, national id, mobile, record number, birth date, database id,
// study UID, DIN, staff or free text; patients and episodes under their pseudonyms; every
// date moved by the patient's shift; ages in five-year bands; no patient without registry
// consent. Every resource is labelled pseudonymised (meta.security PSEUDED).
//
// What each table becomes:
//   patients        Patient (gender; the centre as a logical reference by identifier)
//   episodes        Condition (diagnosis, side, grades) and CarePlan (protocol, state, the
//                   age band at injection, the repeat it is of)
//   visits          Appointment, for the visits and imaging of the schedule
//   transitions     Procedure for the harvest, the injection and a conversion to joint
//                   replacement, on the day the episode records (else the step's)
//   scores          Observation per score (LOINC where verified), at its time point
//   adverse_events  AdverseEvent (red flags a clinician did not call adverse are not)
//   products        BiologicallyDerivedProduct with the lab's measures, no identifier
//   radiographs     Observation of the study's grades and joint-space width
// The other schedule items and steps are in the spreadsheet export's tables.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/fhir/ndjson_batches.hpp"
#include "service/deidentified_export.hpp"

namespace rp::api::fhir {

// The registry's resources' meta.source.
inline constexpr const char* kRegistrySource = "urn:regenpath:registry";
// The system under which a pseudonymised resource names its centre.
inline constexpr std::string_view kCentreSystem = "urn:regenpath:sid:centre";

class DeidentifiedResources {
 public:
  using Out = std::function<void(nlohmann::ordered_json&&)>;
  // `source` is each resource's meta.source.
  DeidentifiedResources(std::string source, Out out) : source_(std::move(source)), out_(std::move(out)) {}

  // One row of the de-identified export (its table's index in service::export_dictionary()
  // and its cells in the columns' order) as the resources it becomes, handed to `out`.
  // The rows of an episode follow its episodes row, as the export hands them out.
  void row(std::size_t table, const std::vector<service::ExportCell>& cells);

  // The resource types made, in the order a reader should take them in.
  static const std::vector<std::string>& types();

 private:
  // What the rows after an episode's need of it.
  struct EpisodeSeen {
    std::string pseudonym, patient, side, joint, cell_source, guidance, harvest_date, injection_date;
    int scores = 0, events = 0, products = 0, radiographs = 0;
  };

  void emit(nlohmann::ordered_json&& resource);
  void episode(const std::vector<service::ExportCell>& cells);
  void transition(const std::vector<service::ExportCell>& cells);

  std::string source_;
  Out out_;
  EpisodeSeen episode_;
};

// Where the registry's resources go as NDJSON lines by type.
struct DeidentifiedNdjsonSink {
  // The read begins, and begins again should the store read it again: whatever was taken
  // is to be dropped.
  std::function<void()> begin;
  // Some rows' resources, a few thousand rows' at a time, in the order read.
  std::function<void(NdjsonByType&&)> take;
};

// The de-identified export of `request` (service::export_deidentified_rows: its checks,
// its audit row, its snapshot) as FHIR NDJSON of `types` (empty: every type), the
// resources made on every core and handed to `sink` in the order the rows were read.
service::DeidentifiedCounts export_deidentified_ndjson(store::Store& store, const Clock& clock,
                                                       const service::Actor& actor,
                                                       const service::ExportRequest& request,
                                                       const std::vector<std::string>& types,
                                                       const DeidentifiedNdjsonSink& sink);

}  // namespace rp::api::fhir
