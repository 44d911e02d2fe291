#pragma once
// Who may see an episode, for the use cases that read or write one: staff see their
// centre's episodes, a patient only their own. Anything else is "not found", so ids
// reveal nothing.
#include <string>
#include <utility>

#include "base/error.hpp"
#include "service/actor.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/pathway.hpp"
#include "store/store.hpp"

namespace rp::service {

inline Episode visible_episode(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto e = tx.find_episode(id);
  const bool visible =
      e && (actor.role == Role::patient ? actor.patient_id == e->patient_id : actor.sees_centre(e->centre_id));
  if (!visible) throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(id)}});
  return *e;
}

// Rows of one visible episode, read with their audit row in one transaction. Patients are
// limited to their own episode by visible_episode; staff need the record-read permission.
template <typename Fetch>
auto audited_episode_read(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                          const char* action, Fetch fetch) {
  if (actor.role != Role::patient) require(actor, Permission::patient_read);
  decltype(fetch(std::declval<store::Transaction&>())) out;
  store.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    out = fetch(tx);
    tx.append_audit(audit_entry(clock, actor, e.centre_id, action, "episode", std::to_string(episode_id)));
  });
  return out;
}

}  // namespace rp::service
