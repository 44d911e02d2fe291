#pragma once
// The registry's columns for the outcome report are the analytics' own input type
// (domain/outcomes/columns.hpp): the store fills them (Transaction::outcome_columns) and
// hands them over unchanged. The names here are the store's for them.
#include <string>
#include <utility>

#include "domain/outcomes/columns.hpp"

namespace rp::store {

using outcomes::AdverseEventColumns;
using outcomes::age_band_of;
using outcomes::cell_source_index;
using outcomes::EpisodeColumns;
using outcomes::kNoDay;
using outcomes::kPromMeasures;
using outcomes::PromColumns;
using outcomes::PromMeasure;
using outcomes::scale_of;
using OutcomeColumns = outcomes::Columns;

// Whose treated joints the outcome report counts. A patient who withdrew registry consent
// (patients.consent_registry = 0) counts only in figures their own centre's staff read:
// never in the registry analyst's. The operator at the command line works on the clinic's
// own records and counts every patient.
struct ConsentScope {
  bool every_patient = true;  // false: consenting patients only (and `own_centre`'s)
  std::string own_centre;     // the reader's centre, whose withdrawn patients still count
  static ConsentScope everyone() { return {}; }
  static ConsentScope registry() { return {false, ""}; }
  static ConsentScope centre_staff(std::string centre) { return {false, std::move(centre)}; }
};

}  // namespace rp::store
