#pragma once
// What adverse events and red flags share (adverse_events.cpp, red_flags.cpp): the row a
// report makes, the lookup that hides other centres' events, and the open-flag count.
#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/submissions.hpp"
#include "store/store.hpp"

namespace rp::service::adverse_event_rows {

// Sets the assessment and whether it makes the event serious (validated first).
void set_assessment(store::AdverseEventRow& r, EventAssessment a);
// The row for a report of `kind` (adverse_event | red_flag), checked: InputError on bad input.
store::AdverseEventRow event_row(const Actor& actor, const Episode& e, std::string kind, AdverseEventInput in,
                                 const Clock& clock);
std::string grade_text(const std::optional<int>& g);
// The event of `kind` if the actor's centre sees it, else NotFoundError.
store::AdverseEventRow find_event(store::Transaction& tx, const Actor& actor, std::int64_t id, const char* kind);
// The centre's open red flags, for the count on every staff page's badge.
std::int64_t open_count(store::Transaction& tx, const std::string& centre_id);

}  // namespace rp::service::adverse_event_rows
