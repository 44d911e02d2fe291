#pragma once
// Closing worklist items as missed: an item whose window closed with nothing recorded is
// given up on with a reason, one at a time or all those whose window closed before a
// day, and leaves the worklist; the decision is kept (schedule_closures) with its audit
// row, and can be taken back with a reason (the item is planned again).
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/worklist_rules.hpp"
#include "service/actor.hpp"
#include "service/worklist.hpp"
#include "store/store.hpp"

namespace rp::service {

struct MissedClosing {
  MissedReason reason = MissedReason::other;
  std::string note;  // required with `other`; at most 500 bytes
};

struct ClosedItem {
  WorklistEntry entry;
  store::ScheduleClosureRow closure;
};

// Coordinator or surgeon (worklist_close) of the episode's centre. ConflictError ("item")
// when the item is not a worklist kind, not planned, or its window has not closed;
// InputError ("note") for a missing or bad note. Nothing changes on any error.
ClosedItem close_missed(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                        const std::string& item_id, const MissedClosing& closing);

// Every item at the actor's centre matching `filter` (its kind, patient and responsible
// role; paging ignored) whose window closed before `before`, in one transaction.
// InputError ("before") for a day after today: a window still open cannot be given up on.
std::vector<ClosedItem> close_missed_before(store::Store& store, const Clock& clock, const Actor& actor,
                                            const CivilDate& before, const WorklistFilter& filter,
                                            const MissedClosing& closing);

// Takes a missed item back onto the worklist (planned again), with why. ConflictError
// ("item") when it is not missed; InputError ("reason") without a reason.
ClosedItem reopen_item(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                       const std::string& item_id, const std::string& reason);

// The items closed as missed at the actor's centre, the latest first (patient_read;
// audited, it shows patients).
std::vector<ClosedItem> closed_items(store::Store& store, const Clock& clock, const Actor& actor,
                                     const WorklistFilter& filter);

}  // namespace rp::service
