#pragma once
// The instruments regenpath scores, and their stable keys (used in the CLI, the API,
// stored scores and the questionnaire file names under instruments/).
#include <optional>
#include <string_view>

namespace rp::instruments {

enum class InstrumentId {
  nrs,                 // hip pain at rest and on activity, 0–10
  patient_global,      // patient global assessment, 0–100
  return_to_activity,  // date back to daily activities, or "not_yet"
  satisfaction,        // 1–5
  hoos,                // HOOS 2.0, 40 items, 5 subscales
  hoos_jr,             // HOOS JR, 6 HOOS items, interval score
  womac_from_hoos,     // WOMAC raw subscales computed from HOOS items
  oxford_hip,          // Oxford Hip Score, 12 items
  harris_hip,          // Harris Hip Score, clinician-completed
};

// "nrs", "patient-global", "return-to-activity", "satisfaction", "hoos", "hoos-jr",
// "womac-from-hoos", "oxford-hip", "harris-hip".
std::string_view instrument_key(InstrumentId id);
std::optional<InstrumentId> parse_instrument_key(std::string_view key);

}  // namespace rp::instruments
