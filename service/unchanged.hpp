#pragma once
// Whether an update changes anything. An update that changes nothing writes nothing, not
// even an audit row (the log would say something happened to a record that did not),
// and its answer says so ("changed": false). Each function sets *changed when asked.
#include <optional>

#include "domain/episode.hpp"
#include "domain/schedule.hpp"
#include "service/pathway.hpp"
#include "store/store.hpp"

namespace rp::service {

// True when the dates given are the ones already planned.
inline bool plans_nothing_new(const Episode& e, const std::optional<CivilDate>& harvest,
                              const std::optional<CivilDate>& injection, bool* changed) {
  const bool same = (!harvest || harvest == e.harvest_date) && (!injection || injection == e.injection_date);
  if (changed) *changed = !same;
  return same;
}

// True when the details an update may set (grades, cell source, guidance, operator) differ.
inline bool details_differ(const Episode& before, const Episode& after, bool* changed) {
  const bool differ = before.kl_grade != after.kl_grade || before.tonnis_grade != after.tonnis_grade ||
                      before.cell_source != after.cell_source || before.guidance != after.guidance ||
                      before.injected_by != after.injected_by;
  if (changed) *changed = differ;
  return differ;
}

// True when marking `item` with `status` (done on `on`, if given) changes it: marking
// an item done again without a day keeps the day it was done.
inline bool mark_changes(const ScheduledItem& item, ItemStatus status, const std::optional<CivilDate>& on,
                         bool* changed) {
  const bool same = item.status == status && (status != ItemStatus::done || !on || item.done_on == on);
  if (changed) *changed = !same;
  return !same;
}

// The episode's record as it stands, for an answer that wrote nothing.
inline void read_record(store::Transaction& tx, const Episode& e, EpisodeRecord& r) {
  r.episode = e;
  r.schedule = tx.schedule_of(e.id);
  r.transitions = tx.transitions_of(e.id);
  r.eligibility = tx.eligibility_of(e.id);
}

}  // namespace rp::service
