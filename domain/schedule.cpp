#include "domain/schedule.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace rp {

std::string_view to_string(ItemStatus s) {
  switch (s) {
    case ItemStatus::planned:
      return "planned";
    case ItemStatus::done:
      return "done";
    case ItemStatus::missed:
      return "missed";
    case ItemStatus::cancelled:
      return "cancelled";
  }
  return "planned";
}

ItemStatus parse_item_status(std::string_view text, std::string_view field) {
  for (ItemStatus s : {ItemStatus::planned, ItemStatus::done, ItemStatus::missed, ItemStatus::cancelled}) {
    if (to_string(s) == text) return s;
  }
  throw InputError(std::string(field), "unknown_item_status"_err);
}

std::vector<ScheduledItem> derive_schedule(const Protocol& protocol, const Anchors& anchors) {
  for (const auto& [name, date] : anchors) {
    if (!protocol.anchors.count(name)) {
      throw InputError("anchors", "not_an_anchor"_err, {{"anchor", name}, {"protocol", protocol.id}});
    }
  }
  std::vector<ScheduledItem> out;
  for (const ProtocolItem& p : protocol.items) {
    const auto anchor = anchors.find(p.anchor);
    if (anchor == anchors.end()) continue;
    ScheduledItem s;
    s.id = p.id;
    s.kind = p.kind;
    s.anchor = p.anchor;
    s.offset = p.at.str();
    s.start = p.at.apply(anchor->second);
    // Until another anchor (a hold until the injection): its date once known; until then,
    // and should the dates cross, the item ends on the day it starts.
    const auto until = anchors.find(p.until_anchor);
    s.end = until == anchors.end() ? s.start : std::max(s.start, p.until.apply(until->second));
    s.window_start = p.has_window ? p.window_before.apply(s.start) : s.start;
    s.window_end = p.has_window ? p.window_after.apply(s.start) : s.end;
    out.push_back(std::move(s));
  }
  // Stable: items starting the same day keep the protocol's order.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  return out;
}

std::vector<ScheduledItem> reschedule(const Protocol& protocol, const Anchors& anchors,
                                      const std::vector<ScheduledItem>& previous) {
  std::vector<ScheduledItem> out = derive_schedule(protocol, anchors);
  for (const ScheduledItem& old : previous) {
    if (old.status != ItemStatus::done && old.status != ItemStatus::cancelled) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& s) { return s.id == old.id; });
    if (it == out.end()) {
      out.push_back(old);
    } else {
      *it = old;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  return out;
}

std::string_view to_string(TimelineState s) {
  switch (s) {
    case TimelineState::done:
      return "done";
    case TimelineState::missed:
      return "missed";
    case TimelineState::cancelled:
      return "cancelled";
    case TimelineState::upcoming:
      return "upcoming";
    case TimelineState::due:
      return "due";
    case TimelineState::overdue:
      return "overdue";
    case TimelineState::out_of_window:
      return "out_of_window";
    case TimelineState::active:
      return "active";
    case TimelineState::ended:
      return "ended";
  }
  return "upcoming";
}

bool spans_days(const ScheduledItem& item) { return item.start < item.end; }

TimelineState timeline_state(const ScheduledItem& item, const CivilDate& today) {
  switch (item.status) {
    case ItemStatus::done:
      return TimelineState::done;
    case ItemStatus::missed:
      return TimelineState::missed;
    case ItemStatus::cancelled:
      return TimelineState::cancelled;
    case ItemStatus::planned:
      break;
  }
  if (spans_days(item)) {
    if (today < item.start) return TimelineState::upcoming;
    return today > item.end ? TimelineState::ended : TimelineState::active;
  }
  if (today < item.window_start) return TimelineState::upcoming;
  if (today <= item.start) return TimelineState::due;
  if (today <= item.window_end) return TimelineState::overdue;
  return TimelineState::out_of_window;
}

std::vector<ScheduledItem> in_effect(const std::vector<ScheduledItem>& items, std::string_view kind,
                                     const CivilDate& today) {
  std::vector<ScheduledItem> out;
  for (const auto& s : items) {
    if (s.kind == kind && s.status != ItemStatus::cancelled && !(today < s.start) && !(s.end < today)) out.push_back(s);
  }
  return out;
}

}  // namespace rp
