#include "service/patient_records.hpp"

namespace rp::service {

std::vector<EpisodeRecords> episodes_in_scope(store::Transaction& tx, std::int64_t patient_id,
                                              const RecordsWanted& wanted) {
  std::vector<EpisodeRecords> out;
  for (auto& e : tx.episodes_of_patient(patient_id))
    if ((!wanted.centre_id || e.centre_id == *wanted.centre_id) &&
        (!wanted.protocol_id || e.protocol_id == *wanted.protocol_id))
      out.push_back({std::move(e), {}, {}, {}, {}, {}});
  return out;
}

void read_episode_records(store::Transaction& tx, std::vector<EpisodeRecords>& episodes, const RecordsWanted& wanted) {
  for (auto& r : episodes) {
    const std::int64_t e = r.episode.id;
    r.schedule = tx.schedule_of(e);
    r.transitions = tx.transitions_of(e);
    r.responses = tx.responses_of(e);
    r.events = tx.adverse_events_of(e);
    r.grades = tx.radiographic_grades(e);
    if (wanted.products) {
      store::ProductQuery q;
      q.centre_id = r.episode.centre_id;
      q.episode_id = e;
      r.products = tx.list_products(q);
    }
  }
}

}  // namespace rp::service
