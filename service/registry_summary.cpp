// The registry's de-identified counts per centre: no ids, no names, no dates of birth.
#include "service/registry_summary.hpp"

#include "service/audit_entry.hpp"
#include "service/submissions.hpp"

namespace rp::service {

RegistrySummary Submissions::registry_summary(const Actor& actor) {
  require(actor, Permission::registry_read);
  RegistrySummary out;
  store_.write([&](store::Transaction& tx) {
    for (const auto& c : tx.episode_state_counts())
      if (actor.sees_aggregates_of(c.centre_id)) out.episodes_by_state[c.centre_id][c.key] = c.count;
    for (const auto& c : tx.adverse_event_counts())
      if (actor.sees_aggregates_of(c.centre_id)) out.adverse_events[c.centre_id][c.key] = c.count;
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "registry.summary", "registry", ""));
  });
  return out;
}

}  // namespace rp::service
