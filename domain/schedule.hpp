#pragma once
// The schedule engine: a protocol plus the dates of its anchors gives every dated item
// of one episode's pathway. Deterministic: the same inputs give the same items in the
// same order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/protocol.hpp"

namespace rp {

using Anchors = std::map<std::string, CivilDate>;

enum class ItemStatus { planned, done, missed, cancelled };
std::string_view to_string(ItemStatus s);
ItemStatus parse_item_status(std::string_view text, std::string_view field = "status");

struct ScheduledItem {
  std::string id;
  std::string kind;
  std::string anchor;
  std::string offset;  // the protocol's `at`, e.g. "+2w"
  CivilDate start, end, window_start, window_end;
  ItemStatus status = ItemStatus::planned;
  std::optional<CivilDate> done_on;
};

// Every item whose anchor is given, ordered by start date and then protocol order.
// Throws InputError("anchors") when an anchor the protocol does not know is given.
std::vector<ScheduledItem> derive_schedule(const Protocol& protocol, const Anchors& anchors);

// After an anchor moves: items already done (or cancelled) keep their dates; every
// other item is derived afresh from the new anchors.
std::vector<ScheduledItem> reschedule(const Protocol& protocol, const Anchors& anchors,
                                      const std::vector<ScheduledItem>& previous);

// Where an item stands on the clinic's today, as the timeline and the worklist show it.
// Recorded outcomes win: done, missed, cancelled. Otherwise an item done on one day
// (a visit, an order, a questionnaire) is upcoming before its window opens, due from
// then until its date, overdue after its date while the window is still open, and
// out_of_window once it has closed. An item that spans days (a drug hold, rest, a rehab
// stage, advice) is upcoming, then active while it runs, then ended.
enum class TimelineState { done, missed, cancelled, upcoming, due, overdue, out_of_window, active, ended };
std::string_view to_string(TimelineState s);
TimelineState timeline_state(const ScheduledItem& item, const CivilDate& today);
// True for an item that spans days rather than being done on one day.
bool spans_days(const ScheduledItem& item);

// The items of one kind running on `today` (start <= today <= end, not cancelled), in
// schedule order: the patient's current rehab stage, the holds in force.
std::vector<ScheduledItem> in_effect(const std::vector<ScheduledItem>& items, std::string_view kind,
                                     const CivilDate& today);

}  // namespace rp
