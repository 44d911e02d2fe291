#pragma once
// One patient's records as an export reads them in one snapshot: the patient, and each
// episode in scope with its schedule, transitions, questionnaire answers, adverse events
// and (when asked) its cell products. The de-identified export and the FHIR export both
// read through it, so that both hand out the same records.
#include <optional>
#include <string>
#include <vector>

#include "domain/episode.hpp"
#include "domain/imaging/imaging.hpp"
#include "domain/patient.hpp"
#include "domain/product/product.hpp"
#include "domain/schedule.hpp"
#include "store/store.hpp"

namespace rp::service {

struct EpisodeRecords {
  Episode episode;
  std::vector<ScheduledItem> schedule;
  std::vector<Transition> transitions;
  std::vector<store::QuestionnaireResponseRow> responses;
  std::vector<store::AdverseEventRow> events;
  std::vector<product::Product> products;          // empty unless RecordsWanted::products
  std::vector<imaging::RadiographicGrade> grades;  // the grades read on its studies, by study date
};

struct PatientRecords {
  Patient patient;
  std::vector<EpisodeRecords> episodes;
  // What of it a FHIR import took in from another system (the FHIR export's Provenance);
  // read by the FHIR export and read, not by the de-identified one.
  std::vector<store::FhirLinkRow> links;
};

struct RecordsWanted {
  std::optional<std::string> centre_id;    // unset: episodes at any centre
  std::optional<std::string> protocol_id;  // unset: episodes of any protocol
  bool products = false;
};

// The patient's episodes in scope (by id), each with its records. A patient with no
// episode in scope answers an empty list.
std::vector<EpisodeRecords> episodes_in_scope(store::Transaction& tx, std::int64_t patient_id,
                                              const RecordsWanted& wanted);

// Fills each episode's records (schedule, transitions, answers, events, products).
void read_episode_records(store::Transaction& tx, std::vector<EpisodeRecords>& episodes, const RecordsWanted& wanted);

}  // namespace rp::service
