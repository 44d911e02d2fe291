#pragma once
// A national registry's rows, generated for the registry bench: N treated hips in 20
// centres, as the store's tables hold them (patients, episodes, their transitions, the
// questionnaire items at baseline, 6 and 12 months, the HOOS and patient-global answers
// with their typed score rows), written as CSV for PostgreSQL's COPY, plus the same
// patients' case mix and outcomes as one CSV for R. Deterministic for a given N.
#include <cstddef>
#include <filesystem>

namespace rp::bench {

struct RegistryCounts {
  std::size_t patients = 0, transitions = 0, schedule_items = 0, responses = 0, scores = 0;
  std::size_t rows() const { return 2 * patients + transitions + schedule_items + responses + scores; }
};

// Writes centres.csv, patients.csv, episodes.csv, episode_transitions.csv,
// schedule_items.csv, questionnaire_responses.csv, response_scores.csv (the columns each
// names in its header line, for COPY ... (columns) FROM ... CSV HEADER) and peer.csv (one
// row per episode: centre, age_band, kl_grade, cell_source, responder at 6 months or NA,
// days followed as the report counts them, converted 0/1, registry consent 0/1) into `dir`.
RegistryCounts write_registry(std::size_t episodes, const std::filesystem::path& dir);

}  // namespace rp::bench
