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

// Where an item stands on a given day, as a worklist shows it.
enum class TimelineState { done, upcoming, due, overdue, cancelled };
std::string_view to_string(TimelineState s);
TimelineState timeline_state(const ScheduledItem& item, const CivilDate& today);

}  // namespace rp
